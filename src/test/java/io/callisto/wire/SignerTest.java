package io.callisto.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SignerTest {
    private static final List<byte[]> FRAMES = List.of(
            bytes("{\"a\":1}"), bytes("{}"), bytes("{}"), bytes("{\"code\":\"1+1\"}"));

    /** Expected values from Python: hmac.new(b'secret-key', digestmod=hashlib.X) over the four frames. */
    @ParameterizedTest
    @CsvSource({
        "hmac-md5, fafb0577d5e2f7e74f3995c06ac783a1",
        "hmac-sha1, b40702aeb1c3c95c8cb90324e13e62b4271ebabb",
        "hmac-sha224, fa1327d28060be7a228b9d127926450be6fb350e41a5f1f01f58e2ad",
        "hmac-sha256, ac38879172351d3dcc909177b26e1caf096c9c02e59dc737cad7a4d9283c3250",
        "hmac-sha384, 2a126e7cfd9094ca55eeda5f522dc21aa4656c0fd51ebd5298121aaedae47b3c819871a3b7d42ec5e95ca282c5291296",
        "hmac-sha512, c7fc531e15bf3208bee6db5ba6a6d92238e6436a00bc1c6c33d4c7b39c944fc708c8ac60e1538ba6a3033ff239169500a059c62237c7d23b36402e886c8870a6",
        "hmac-sha3_256, 6af3bac6df8722e6832c81fe7e3c41159ac877ffe447e92dcafb5e2e2c05c82f",
        "hmac-blake2b, b1ce8f0054f5f861a76dd0ff96d30d5bab4ad59d77b15b922df6b537f5be8eedbf1d9ea9602294c39eaef82d783cdaf9bc08f61393d5a601d51a12272c71e3ce",
        "hmac-blake2s, 3667269946cf05f6f2f668faea6db59aebd22d127e19badb9649e8116559f9e8",
    })
    void signsAsPythonsHmacDoes(String scheme, String expectedHex) {
        Signer signer = Signer.of(scheme, "secret-key");
        assertEquals(expectedHex, new String(signer.sign(FRAMES), StandardCharsets.US_ASCII));
        assertTrue(signer.verify(bytes(expectedHex), FRAMES));
    }

    @Test
    void rejectsAWrongSignatureAndAChangedFrame() {
        Signer signer = Signer.of("hmac-sha256", "secret-key");
        byte[] good = signer.sign(FRAMES);
        byte[] bad = good.clone();
        bad[0] = (byte) (bad[0] == 'a' ? 'b' : 'a');
        assertFalse(signer.verify(bad, FRAMES));
        assertFalse(signer.verify(good, List.of(bytes("{\"a\":2}"), bytes("{}"), bytes("{}"), bytes("{\"code\":\"1+1\"}"))));
        assertFalse(signer.verify(new byte[0], FRAMES));
    }

    @Test
    void anEmptyKeyMeansUnsigned() {
        Signer signer = Signer.of("hmac-sha256", "");
        assertFalse(signer.signs());
        assertArrayEquals(new byte[0], signer.sign(FRAMES));
    }

    @Test
    void refusesUnknownSchemesAndNeverShowsTheKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Signer.of("hmac-whirlpool9", "k"));
        assertTrue(error.getMessage().contains("hmac-whirlpool9"));
        assertThrows(IllegalArgumentException.class, () -> Signer.of("rsa-sha256", "k"));
        assertFalse(Signer.of("hmac-sha256", "top-secret-value").toString().contains("top-secret-value"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
