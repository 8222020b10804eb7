package io.execctl.sim.ws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsHandshakeTest {
    private static WsHandshake.Outcome answer(String head) throws IOException {
        return WsHandshake.answer(
                WsHandshake.read(new ByteArrayInputStream(head.getBytes(StandardCharsets.ISO_8859_1))));
    }

    private static String upgrade(String path) {
        return "GET " + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    @Test
    void acceptKeyIsTheRfc6455Example() {
        assertThat(WsHandshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void upgradesOnRootTryitoutAndTryitoutWithTrId() throws IOException {
        for (String path : new String[] {"/", "/tryitout", "/tryitout/H0STCNI0", "/tryitout?x=1"}) {
            WsHandshake.Outcome o = answer(upgrade(path));
            assertThat(o.upgraded()).as(path).isTrue();
            assertThat(o.response())
                    .startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")
                    .endsWith("\r\n\r\n");
        }
    }

    @Test
    void otherPathsAreNotFound() throws IOException {
        assertThat(answer(upgrade("/ws")).status()).isEqualTo(404);
        assertThat(answer(upgrade("/tryitoutx")).status()).isEqualTo(404);
    }

    @Test
    void aPlainGetIsRefused() throws IOException {
        WsHandshake.Outcome o = answer("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(o.upgraded()).isFalse();
        assertThat(o.status()).isEqualTo(426);
    }

    @Test
    void wrongVersionOrKeyIsRefused() throws IOException {
        assertThat(answer(upgrade("/").replace("Version: 13", "Version: 8")).response())
                .contains("Sec-WebSocket-Version: 13");
        assertThat(answer(upgrade("/").replace("dGhlIHNhbXBsZSBub25jZQ==", "short"))
                        .status())
                .isEqualTo(400);
        assertThat(answer(upgrade("/").replace("GET", "POST")).status()).isEqualTo(405);
    }

    @Test
    void truncatedHeadIsAnError() {
        assertThatThrownBy(() -> answer("GET / HTTP/1.1\r\nHost: x\r\n")).isInstanceOf(IOException.class);
    }
}
