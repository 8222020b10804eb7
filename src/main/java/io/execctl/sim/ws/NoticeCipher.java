package io.execctl.sim.ws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts notice payloads the way KIS does (REFERENCE §9.2): AES-256-CBC with PKCS#7 padding, key =
 * UTF-8 bytes of the 32-character {@code output.key}, IV = UTF-8 bytes of the 16-character
 * {@code output.iv} of the subscription ack, result base64-encoded. One instance per subscription;
 * the {@link Cipher} is reused (re-initialised by {@code doFinal}), so calls are serialised.
 */
public final class NoticeCipher {
    private final Cipher cipher;

    public NoticeCipher(String key, String iv) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = iv.getBytes(StandardCharsets.UTF_8);
        if (k.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, was " + k.length);
        }
        if (v.length != 16) {
            throw new IllegalArgumentException("AES-CBC iv must be 16 bytes, was " + v.length);
        }
        try {
            cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(v));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding is required by every Java platform", e);
        }
    }

    /** The raw ciphertext of a UTF-8 plaintext. */
    public synchronized byte[] encrypt(String plain) {
        try {
            return cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES encryption failed", e);
        }
    }

    /** base64 of {@link #encrypt}: the payload of a notice frame. */
    public String encryptBase64(String plain) {
        return Base64.getEncoder().encodeToString(encrypt(plain));
    }

    @Override
    public String toString() {
        return "NoticeCipher[AES-256-CBC]";
    }
}
