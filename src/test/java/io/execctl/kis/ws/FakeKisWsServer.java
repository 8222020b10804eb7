package io.execctl.kis.ws;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A scripted KIS notice endpoint on mockwebserver3: refuses the first {@code refuseFirst}
 * handshakes with HTTP 503, upgrades the others, answers a subscribe with an ack carrying
 * {@code key}/{@code iv} (unless {@code ackReply} says otherwise) and lets the test push frames.
 */
final class FakeKisWsServer implements Closeable {
    final MockWebServer server = new MockWebServer();
    final List<Session> sessions = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final AtomicInteger handshakes = new AtomicInteger();
    volatile int refuseFirst;
    /** The reply to a subscribe frame; null = no reply. */
    volatile String ackReply =
            NoticeFixtures.ack("H0STCNI0", NoticeFixtures.HTS, NoticeFixtures.KEY, NoticeFixtures.IV);
    /** Close every session right after acking (a reconnect storm). */
    volatile boolean closeAfterAck;

    FakeKisWsServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int n = handshakes.incrementAndGet();
                paths.add(request.getUrl().encodedPath());
                if (n <= refuseFirst) {
                    return new MockResponse.Builder()
                            .code(503)
                            .body("<html>busy</html>")
                            .build();
                }
                Session s = new Session(n);
                sessions.add(s);
                return new MockResponse.Builder().webSocketUpgrade(s).build();
            }
        });
        server.start();
    }

    String url() {
        return "ws://" + server.getHostName() + ":" + server.getPort();
    }

    Session last() {
        return sessions.get(sessions.size() - 1);
    }

    int subscribeCount() {
        int n = 0;
        for (Session s : sessions) {
            for (String m : s.received) {
                if (m.contains("\"tr_type\":\"1\"")) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public void close() {
        server.close();
    }

    /** One server-side WebSocket session. */
    final class Session extends WebSocketListener {
        final int number;
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile WebSocket socket;
        volatile boolean closedByClient;

        Session(int number) {
            this.number = number;
        }

        void send(String text) {
            socket.send(text);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            socket = ws;
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            received.add(text);
            if (text.contains("\"tr_type\":\"1\"")) {
                String reply = ackReply;
                if (reply != null) {
                    ws.send(reply);
                }
                if (closeAfterAck) {
                    ws.close(1000, "bye");
                }
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            closedByClient = true;
            ws.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            closedByClient = true;
        }
    }
}
