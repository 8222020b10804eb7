package io.execctl.kis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BodyReader} against the reference it replaces: Jackson's {@code readTree} of the same body.
 * Every row read flat must hold the values the tree row holds, cut out the same JSON, and every body
 * the tree refuses must be refused.
 */
class BodyReaderTest {
    private static final Set<String> ROWS = Set.of("output1");

    /** The reference: the tree, with the row array's elements as rows made from tree nodes. */
    private static void assertSameAsTree(String body) throws IOException {
        JsonNode tree = ResponseClassifier.mapper().readTree(body);
        for (byte[] utf8 : new byte[][] {null, body.getBytes(StandardCharsets.UTF_8)}) {
            KisBody read = BodyReader.read(body, utf8, ROWS);
            ObjectNode expectedTop = ((ObjectNode) tree).deepCopy();
            JsonNode arr = expectedTop.remove("output1");
            if (arr != null && arr.isArray()) {
                List<KisRow> rows = read.rows("output1");
                assertThat(rows).as(body).hasSize(arr.size());
                for (int i = 0; i < arr.size(); i++) {
                    assertThat(rows.get(i)).as(body).isEqualTo(KisRow.of(arr.get(i)));
                    assertThat(rows.get(i).json()).as(body).isEqualTo(arr.get(i));
                }
            } else {
                if (arr != null) {
                    expectedTop.set("output1", arr);
                }
                assertThat(read.rows("output1")).isNull();
            }
            assertThat(read.top()).as(body).isEqualTo(expectedTop);
        }
    }

    @Test
    void readsWhatTheTreeReads() throws IOException {
        assertSameAsTree(
                "{\"rt_cd\":\"0\",\"msg1\":\"조회가 완료되었습니다\",\"output1\":[{\"pdno\":\"005930\",\"prdt_name\":\"삼성전자\","
                        + "\"n\":12,\"big\":123456789012345678901234,\"b\":true,\"z\":null,\"e\":\"\\u0041\\n\",\"nested\":{\"a\":[1]},"
                        + "\"list\":[1,2]}],\"output2\":[{\"tot\":\"1\"}],\"ctx_area_nk100\":\"  padded  \"}");
        assertSameAsTree("{\"output1\":[]}");
        assertSameAsTree("{\"output1\":null,\"rt_cd\":\"0\"}");
        assertSameAsTree("{\"output1\":{\"pdno\":\"005930\"}}");
        assertSameAsTree("{\"output1\":\"text\"}");
        assertSameAsTree("{}");
        assertSameAsTree(" {\"a\":\"😀 emoji\"} ");
    }

    @Test
    void aRepeatedNameKeepsTheLaterValueAsTheTreeDoes() throws IOException {
        assertSameAsTree("{\"output1\":[{\"a\":\"1\",\"a\":\"2\"}],\"x\":\"1\",\"x\":\"2\"}");
        assertSameAsTree("{\"output1\":[{\"a\":\"1\"}],\"output1\":\"later\"}");
        assertSameAsTree("{\"output1\":\"earlier\",\"output1\":[{\"a\":\"1\"}]}");
        KisBody b = BodyReader.read("{\"output1\":[{\"a\":\"1\",\"a\":\"2\"}]}", null, ROWS);
        assertThat(b.rows("output1").get(0).text("a")).isEqualTo("2");
    }

    @Test
    void rowsOfOtherLayoutsAndNonObjectsAreKept() throws IOException {
        String body =
                "{\"output1\":[{\"a\":\"1\",\"b\":\"2\"},{\"b\":\"3\",\"a\":\"4\"},{\"a\":\"5\"},7,\"s\",null,[1],{\"a\":\"6\",\"b\":\"7\"}]}";
        assertSameAsTree(body);
        List<KisRow> rows = BodyReader.read(body, null, ROWS).rows("output1");
        assertThat(rows).extracting(r -> r.text("a")).containsExactly("1", "4", "5", "", "", "", "", "6");
        assertThat(rows)
                .extracting(KisRow::raw)
                .containsExactly(
                        "{\"a\":\"1\",\"b\":\"2\"}",
                        "{\"b\":\"3\",\"a\":\"4\"}",
                        "{\"a\":\"5\"}",
                        "7",
                        "\"s\"",
                        "null",
                        "[1]",
                        "{\"a\":\"6\",\"b\":\"7\"}");
    }

    @Test
    void rawIsTheRowExactlyAsSentFromBytesAndFromText() throws IOException {
        String row = "{ \"pdno\" : \"005930\",\n \"prdt_name\":\"삼성전자 😀\", \"q\": \" 5 \" }";
        String body = "{\"output1\":[" + row + " , " + row + "],\"rt_cd\":\"0\"}";
        for (byte[] utf8 : new byte[][] {null, body.getBytes(StandardCharsets.UTF_8)}) {
            List<KisRow> rows = BodyReader.read(body, utf8, ROWS).rows("output1");
            assertThat(rows).extracting(KisRow::raw).containsExactly(row, row);
            assertThat(rows.get(0).text("q")).isEqualTo("5");
            assertThat(rows.get(0).value("q")).isEqualTo(" 5 ");
            assertThat(rows.get(0).text("absent")).isEmpty();
            assertThat(rows.get(0).value("absent")).isNull();
        }
    }

    @Test
    void refusesWhatTheTreeRefuses() {
        List<String> bad = List.of(
                "{\"output1\":[{\"pdno\"",
                "{\"output1\":[{\"a\":\"1\"}",
                "{\"rt_cd\":\"0\"} trailing",
                "{\"rt_cd\":\"0\"}{}",
                "{\"output1\":[{\"a\":1,}]}",
                "{\"a\":\"1\"",
                "{\"output1\":[1,]}");
        for (String body : bad) {
            assertThatThrownBy(() -> ResponseClassifier.mapper().readTree(body))
                    .as("reference " + body)
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> BodyReader.read(body, null, ROWS)).as(body).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> BodyReader.read(body, body.getBytes(StandardCharsets.UTF_8), ROWS))
                    .as(body)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void notAnObjectIsLeftToTheCaller() throws IOException {
        assertThat(BodyReader.read("[1,2]", null, ROWS)).isNull();
        assertThat(BodyReader.read("\"s\"", null, ROWS)).isNull();
    }

    /** Seeded random pages: rows with shuffled, missing, repeated and odd-typed fields. */
    @Test
    void randomPagesReadAsTheTreeReadsThem() throws IOException {
        String[] names = {"odno", "pdno", "ord_qty", "prdt_name", "avg_prvs", "cncl_yn", "x"};
        String[] values = {
            "\"0000000001\"",
            "\"005930\"",
            "\"5\"",
            "\"삼성전자\"",
            "\"71950.0000\"",
            "\"Y\"",
            "\" \"",
            "\"\"",
            "12",
            "-3.5",
            "true",
            "null",
            "{\"k\":\"v\"}",
            "[\"a\",{}]",
            "\"\\\"quoted\\\"\"",
            "\"😀\""
        };
        Random rnd = new Random(20261124L);
        for (int page = 0; page < 500; page++) {
            StringBuilder sb =
                    new StringBuilder("{\"ctx_area_fk100\":\"").append(page).append("\",\"output1\":[");
            int rows = rnd.nextInt(6);
            List<String> parts = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                StringBuilder row = new StringBuilder("{");
                int fields = rnd.nextInt(9);
                for (int f = 0; f < fields; f++) {
                    if (f > 0) {
                        row.append(rnd.nextBoolean() ? "," : " , ");
                    }
                    row.append('"')
                            .append(names[rnd.nextInt(names.length)])
                            .append("\":")
                            .append(values[rnd.nextInt(values.length)]);
                }
                parts.add(row.append('}').toString());
            }
            sb.append(String.join(",", parts)).append("],\"rt_cd\":\"0\"}");
            assertSameAsTree(sb.toString());
        }
    }
}
