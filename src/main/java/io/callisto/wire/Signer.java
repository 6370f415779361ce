package io.callisto.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Signs and checks the four JSON frames of a message (header, parent header, metadata, content) with the
 * connection file's key, as jupyter_client's Session does: lowercase hex HMAC; an empty key means unsigned.
 * The key never leaves this class, not even in toString.
 */
public final class Signer {
    private final byte[] key;
    private final Supplier<Digest> digest;
    private final String scheme;

    private Signer(String scheme, byte[] key, Supplier<Digest> digest) {
        this.scheme = scheme;
        this.key = key;
        this.digest = digest;
    }

    /**
     * @param scheme the connection file's signature_scheme, {@code hmac-<hash>} with a hashlib hash name
     * @param key    the connection file's key; empty for no signing
     * @throws IllegalArgumentException for a scheme this kernel cannot compute
     */
    public static Signer of(String scheme, String key) {
        String normalized = scheme == null || scheme.isEmpty() ? "hmac-sha256" : scheme.toLowerCase(Locale.ROOT);
        if (!normalized.startsWith("hmac-")) {
            throw new IllegalArgumentException("unsupported signature_scheme '" + scheme + "': expected hmac-<hash>");
        }
        Supplier<Digest> digest = digestFor(normalized.substring("hmac-".length()));
        if (digest == null) {
            throw new IllegalArgumentException("unsupported signature_scheme '" + scheme
                    + "': known hashes are md5, sha1, sha224, sha256, sha384, sha512, sha3_224, sha3_256, sha3_384,"
                    + " sha3_512, blake2b, blake2s");
        }
        return new Signer(normalized, key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8), digest);
    }

    private static Supplier<Digest> digestFor(String hash) {
        return switch (hash.replace('-', '_')) {
            case "md5" -> MD5Digest::new;
            case "sha1" -> SHA1Digest::new;
            case "sha224" -> SHA224Digest::new;
            case "sha256" -> SHA256Digest::new;
            case "sha384" -> SHA384Digest::new;
            case "sha512" -> SHA512Digest::new;
            case "sha3_224" -> () -> new SHA3Digest(224);
            case "sha3_256" -> () -> new SHA3Digest(256);
            case "sha3_384" -> () -> new SHA3Digest(384);
            case "sha3_512" -> () -> new SHA3Digest(512);
            case "blake2b" -> () -> new Blake2bDigest(512);
            case "blake2s" -> () -> new Blake2sDigest(256);
            default -> null;
        };
    }

    public boolean signs() {
        return key.length > 0;
    }

    /** The signature frame for these JSON frames: lowercase hex, or empty when unsigned. */
    public byte[] sign(List<byte[]> jsonFrames) {
        if (!signs()) {
            return new byte[0];
        }
        HMac mac = new HMac(digest.get());
        mac.init(new KeyParameter(key));
        for (byte[] frame : jsonFrames) {
            mac.update(frame, 0, frame.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out).getBytes(StandardCharsets.US_ASCII);
    }

    /** Constant-time check of a received signature against the raw received frames. */
    public boolean verify(byte[] signature, List<byte[]> jsonFrames) {
        return MessageDigest.isEqual(sign(jsonFrames), signature);
    }

    @Override
    public String toString() {
        return "Signer[" + scheme + (signs() ? ", keyed]" : ", unsigned]");
    }
}
