package io.execctl.sim.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A listed symbol of the simulated market: its code, name and start price (the previous close, which
 * is also the base of the day's ±30% price band).
 */
public record SymbolSpec(String code, String name, long startPrice) {

    /** The demo symbols with their names (issue #3 defaults). */
    public static final List<SymbolSpec> DEMO = List.of(
            new SymbolSpec("005930", "삼성전자", 72_000),
            new SymbolSpec("000660", "SK하이닉스", 180_000),
            new SymbolSpec("035420", "NAVER", 210_000),
            new SymbolSpec("051910", "LG화학", 390_000),
            new SymbolSpec("068270", "셀트리온", 175_000));

    /** The default {@code --symbols} value. */
    public static final String DEMO_SPEC = "005930:72000,000660:180000,035420:210000,051910:390000,068270:175000";

    private static final Map<String, String> KNOWN_NAMES =
            Map.of("005930", "삼성전자", "000660", "SK하이닉스", "035420", "NAVER", "051910", "LG화학", "068270", "셀트리온");

    public SymbolSpec {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        if (!code.matches("[0-9A-Z]{6,7}")) {
            throw new IllegalArgumentException(
                    "symbol code must be 6 digits (or a 7-character ETN code), was '" + code + "'");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("symbol " + code + " needs a name");
        }
        if (name.indexOf('^') >= 0 || name.indexOf('|') >= 0) {
            throw new IllegalArgumentException(
                    "symbol name of " + code + " must not contain '^' or '|' (notice separators)");
        }
        if (!PriceGrid.onGrid(startPrice)) {
            throw new IllegalArgumentException(
                    "start price of " + code + " must be a positive KRX grid price, was " + startPrice);
        }
    }

    /**
     * Parses {@code --symbols}: either a list {@code CODE:PRICE[:NAME],...} (known demo codes get their
     * names) or a count {@code N} (the demo symbols first, then generated codes {@code 900001...}).
     */
    public static List<SymbolSpec> parseList(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--symbols is empty");
        }
        String s = spec.trim();
        if (s.matches("\\d{1,4}")) {
            return generate(Integer.parseInt(s));
        }
        List<SymbolSpec> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String[] f = part.trim().split(":", 3);
            if (f.length < 2) {
                throw new IllegalArgumentException(
                        "symbol entry must look like 005930:72000, was '" + part.trim() + "'");
            }
            long price;
            try {
                price = Long.parseLong(f[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("price of symbol entry '" + part.trim() + "' is not a whole number");
            }
            String code = f[0].trim();
            String name = f.length == 3 ? f[2].trim() : KNOWN_NAMES.getOrDefault(code, "종목" + code);
            out.add(new SymbolSpec(code, name, price));
        }
        if (out.stream().map(SymbolSpec::code).distinct().count() != out.size()) {
            throw new IllegalArgumentException("--symbols lists a code twice");
        }
        return List.copyOf(out);
    }

    /** {@code n} symbols: the demo ones first, then {@code 900001}, {@code 900002}, ... at deterministic prices. */
    public static List<SymbolSpec> generate(int n) {
        if (n < 1 || n > 5000) {
            throw new IllegalArgumentException("symbol count must be 1..5000, was " + n);
        }
        List<SymbolSpec> out = new ArrayList<>(DEMO.subList(0, Math.min(n, DEMO.size())));
        for (int i = 1; out.size() < n; i++) {
            long raw = 1_000 + (i * 7_919L) % 300_000;
            out.add(new SymbolSpec(String.format("%06d", 900_000 + i), "시뮬종목" + i, PriceGrid.floor(raw)));
        }
        return List.copyOf(out);
    }
}
