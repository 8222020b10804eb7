package io.execctl.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of one key out of a YAML file's text (plain, quoted and block scalars), enough for
 * our rule files without adding a YAML library; promtool parses the same files for real.
 */
final class YamlText {
    private YamlText() {}

    static List<String> values(String yaml, String key) {
        Pattern keyLine = Pattern.compile("^(\\s*(?:- )?)" + Pattern.quote(key) + ":\\s*(.*)$");
        List<String> lines = yaml.lines().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = keyLine.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            String value = m.group(2).strip();
            if (value.matches("[>|][+-]?")) {
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || leading(lines.get(i + 1)) > indent)) {
                    block.append(lines.get(++i).strip()).append('\n');
                }
                out.add(block.toString().strip());
            } else {
                out.add(unquote(value));
            }
        }
        return out;
    }

    private static int leading(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
