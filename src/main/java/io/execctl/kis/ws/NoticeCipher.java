package io.execctl.kis.ws;

import io.execctl.domain.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC/PKCS5 decryption of notice payloads with the key/iv of a subscription ack
 * (key = UTF-8 bytes of the 32-char {@code output.key}, iv = UTF-8 bytes of the 16-char
 * {@code output.iv}). One instance keeps one initialised {@link Cipher} and reuses it (a CBC
 * decryption resets to the initial iv after {@code doFinal}), so it is <b>not thread-safe</b>:
 * use one per connection (one reader thread) or per thread.
 */
public final class NoticeCipher {
    private final Cipher cipher;
    private final SecretKeySpec keySpec;
    private final IvParameterSpec ivSpec;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private NoticeCipher(Cipher cipher, SecretKeySpec keySpec, IvParameterSpec ivSpec) {
        this.cipher = cipher;
        this.keySpec = keySpec;
        this.ivSpec = ivSpec;
    }

    /** Builds a cipher for this key/iv; throws {@link IllegalArgumentException} if their lengths are wrong (values never shown). */
    public static NoticeCipher of(Secret key, Secret iv) {
        byte[] k = key.reveal().getBytes(StandardCharsets.UTF_8);
        byte[] v = iv.reveal().getBytes(StandardCharsets.UTF_8);
        if (k.length != 32) {
            throw new IllegalArgumentException("notice key must be 32 bytes, got " + k.length);
        }
        if (v.length != 16) {
            throw new IllegalArgumentException("notice iv must be 16 bytes, got " + v.length);
        }
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            SecretKeySpec keySpec = new SecretKeySpec(k, "AES");
            IvParameterSpec ivSpec = new IvParameterSpec(v);
            c.init(Cipher.DECRYPT_MODE, keySpec, ivSpec);
            return new NoticeCipher(c, keySpec, ivSpec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES/CBC/PKCS5Padding is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Base64-decodes and decrypts a payload to text.
     *
     * @throws UndecryptableException when the payload is not base64, not a whole number of blocks,
     *                                has bad padding (wrong key/iv) or is not UTF-8 after decryption
     */
    public String decrypt(String base64) throws UndecryptableException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new UndecryptableException("payload is not base64");
        }
        if (bytes.length == 0 || bytes.length % 16 != 0) {
            throw new UndecryptableException("payload is " + bytes.length + " bytes, not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            plain = cipher.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            reset(); // a failed doFinal leaves the CBC state dirty: the next good payload would decrypt wrongly
            throw new UndecryptableException(
                    "decryption failed (" + e.getClass().getSimpleName() + "): wrong key/iv or damaged payload");
        }
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(plain));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new UndecryptableException("decrypted payload is not UTF-8: wrong key/iv or damaged payload");
        }
    }

    private void reset() {
        try {
            cipher.init(Cipher.DECRYPT_MODE, keySpec, ivSpec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot re-initialise the notice cipher: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A payload that cannot be turned into text; the message never carries key, iv or plaintext. */
    public static final class UndecryptableException extends Exception {
        public UndecryptableException(String message) {
            super(message);
        }
    }
}
