package io.execctl.kis.ws;

import io.execctl.domain.Secret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeCipherTest {
    private final NoticeCipher cipher = NoticeCipher.of(Secret.of(NoticeFixtures.KEY), Secret.of(NoticeFixtures.IV));

    @Test
    void decryptsWhatJavaxCryptoEncrypted() throws Exception {
        String plain = "demo^5000000101^한글 종목명^" + "x".repeat(100);
        assertThat(cipher.decrypt(NoticeFixtures.encrypt(plain, NoticeFixtures.KEY, NoticeFixtures.IV)))
                .isEqualTo(plain);
        assertThat(cipher.decrypt(NoticeFixtures.encrypt("second", NoticeFixtures.KEY, NoticeFixtures.IV)))
                .isEqualTo("second");
    }

    @Test
    void refusesBadPayloads() {
        assertThatThrownBy(() -> cipher.decrypt("###"))
                .isInstanceOf(NoticeCipher.UndecryptableException.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> cipher.decrypt("AAAA")).hasMessageContaining("not a whole number of AES blocks");
        assertThatThrownBy(() -> cipher.decrypt("")).isInstanceOf(NoticeCipher.UndecryptableException.class);
        String other = NoticeFixtures.encrypt("0123456789abcdef0123", NoticeFixtures.OTHER_KEY, NoticeFixtures.IV);
        assertThatThrownBy(() -> cipher.decrypt(other))
                .isInstanceOf(NoticeCipher.UndecryptableException.class)
                .hasMessageNotContaining(NoticeFixtures.KEY);
    }

    @Test
    void keyAndIvLengthsAreCheckedWithoutShowingThem() {
        assertThatThrownBy(() -> NoticeCipher.of(Secret.of("short-key-value"), Secret.of(NoticeFixtures.IV)))
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("short-key-value");
        assertThatThrownBy(() -> NoticeCipher.of(Secret.of(NoticeFixtures.KEY), Secret.of("iv")))
                .hasMessageContaining("16 bytes");
    }
}
