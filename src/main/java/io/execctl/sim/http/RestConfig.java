package io.execctl.sim.http;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What the REST server needs to know of the simulated account and environment.
 *
 * @param paper         paper (모의) environment: {@code V…} TR ids, smaller pages, 2/s default limit
 * @param account       {@code 50000001-01} (CANO-ACNT_PRDT_CD)
 * @param ratePerSecond REST calls per second per app key; 0 = unlimited
 * @param threads       HTTP worker threads
 * @param seed          seed of the fault dice and of issued tokens/keys
 * @param feeRate       commission rate, used for the estimated costs of inquire-daily-ccld (rounded down per execution)
 * @param taxRate       sell-side transaction tax rate, likewise
 */
public record RestConfig(
        String host,
        int port,
        boolean paper,
        String appKey,
        String appSecret,
        String account,
        String htsId,
        double ratePerSecond,
        int threads,
        long seed,
        BigDecimal feeRate,
        BigDecimal taxRate) {

    public RestConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(htsId, "htsId");
        if (!account.matches("\\d{8}-\\d{2}")) {
            throw new IllegalArgumentException("account must look like 50000001-01");
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("ratePerSecond must be >= 0");
        }
        Objects.requireNonNull(feeRate, "feeRate");
        Objects.requireNonNull(taxRate, "taxRate");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
    }

    /** CANO: the first 8 digits. */
    public String cano() {
        return account.substring(0, 8);
    }

    /** ACNT_PRDT_CD: the last 2 digits. */
    public String productCode() {
        return account.substring(9);
    }

    /** KIS default: 20/s real, 2/s paper. */
    public static double defaultRate(boolean paper) {
        return paper ? 2 : 20;
    }

    public int dailyCcldPageSize() {
        return paper ? 15 : 100;
    }

    public int balancePageSize() {
        return paper ? 20 : 50;
    }

    public int openOrdersPageSize() {
        return 50;
    }

    @Override
    public String toString() {
        return "RestConfig[" + host + ":" + port + ", paper=" + paper + ", rate=" + ratePerSecond + "]";
    }
}
