package io.execctl.sim.ws;

import java.time.Duration;

/**
 * Options of the simulated notice WebSocket server.
 *
 * @param port            0 = pick a free port
 * @param paper           paper environment ({@code H0STCNI9}) instead of real ({@code H0STCNI0})
 * @param htsId           the HTS id whose notices are delivered ({@code tr_key})
 * @param pingInterval    how often {@code PINGPONG} is sent; a session that did not echo the previous one is closed
 * @param layout23        send the older 23-field record layout instead of the 26-field one
 * @param maxSubscriptions registrations per session (KIS: 41; the 42nd gets OPSP0008)
 * @param seed            seed of the fault dice
 */
public record WsOptions(String host, int port, boolean paper, String htsId, Duration pingInterval,
                        boolean layout23, int maxSubscriptions, long seed) {
    public static WsOptions defaults(String htsId, boolean paper) {
        return new WsOptions("127.0.0.1", 0, paper, htsId, Duration.ofSeconds(10), false, 41, 1L);
    }
}
