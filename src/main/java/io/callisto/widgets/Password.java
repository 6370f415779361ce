package io.callisto.widgets;

/** A text box that hides what is typed (ipywidgets' {@code Password}). */
public final class Password extends TextControl<Password> {
    public Password() {
        super(Model.controls("PasswordModel", "PasswordView"));
    }
}
