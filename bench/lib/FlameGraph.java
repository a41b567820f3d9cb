import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns a JFR recording's CPU samples (jdk.ExecutionSample) into a flame graph: an SVG (root at the bottom, width =
 * share of samples), the folded stacks it was drawn from, and the top frames by self time, printed.
 * Usage: java FlameGraph.java RECORDING.jfr OUTPUT_PREFIX
 */
public class FlameGraph {

    static final int FRAME_HEIGHT = 16;
    static final int WIDTH = 1600;
    static final int TOP = 25;

    static final class Node {
        final String name;
        final Map<String, Node> children = new TreeMap<>();
        long samples;

        Node(String name) {
            this.name = name;
        }
    }

    public static void main(String[] args) throws IOException {
        Path recording = Path.of(args[0]);
        String prefix = args[1];
        Node root = new Node("all");
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> folded = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = new ArrayList<>(e.getStackTrace().getFrames());
            if (frames.isEmpty()) {
                continue;
            }
            self.merge(name(frames.get(0)), 1L, Long::sum);
            java.util.Collections.reverse(frames);
            Node node = root;
            root.samples++;
            List<String> names = new ArrayList<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                names.add(n);
                node = node.children.computeIfAbsent(n, Node::new);
                node.samples++;
            }
            folded.merge(String.join(";", names), 1L, Long::sum);
        }
        StringBuilder lines = new StringBuilder();
        folded.forEach((stack, n) -> lines.append(stack).append(' ').append(n).append('\n'));
        Files.writeString(Path.of(prefix + ".folded"), lines);
        Files.writeString(Path.of(prefix + ".svg"), svg(root));
        System.out.printf("%d CPU samples of the gateway; top frames by self time:%n", root.samples);
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(TOP)
                .forEach(en -> System.out.printf("  %5.1f %%  %s%n", 100.0 * en.getValue() / Math.max(1, root.samples), en.getKey()));
        System.out.println("flame graph: " + prefix + ".svg");
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static String svg(Node root) {
        int depth = depth(root);
        int height = (depth + 1) * FRAME_HEIGHT;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" font-family=\"monospace\" font-size=\"11\">\n");
        draw(s, root, 0, WIDTH, height - FRAME_HEIGHT, root.samples);
        return s.append("</svg>\n").toString();
    }

    static int depth(Node n) {
        return 1 + n.children.values().stream().mapToInt(FlameGraph::depth).max().orElse(0);
    }

    static void draw(StringBuilder s, Node n, double x, double width, int y, long total) {
        if (width < 0.5) {
            return;
        }
        int hue = Math.abs(n.name.hashCode()) % 60;
        String label = escape(n.name);
        s.append(String.format("<g><title>%s (%d samples, %.2f %%)</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"hsl(%d,80%%,60%%)\"/>",
                label, n.samples, 100.0 * n.samples / total, x, y, width, FRAME_HEIGHT - 1, hue));
        int chars = (int) (width / 7);
        if (chars > 3) {
            s.append(String.format("<text x=\"%.1f\" y=\"%d\">%s</text>", x + 2, y + FRAME_HEIGHT - 4,
                    escape(n.name.length() > chars ? n.name.substring(0, chars - 2) + ".." : n.name)));
        }
        s.append("</g>\n");
        double cx = x;
        for (Node c : n.children.values()) {
            double w = width * c.samples / n.samples;
            draw(s, c, cx, w, y - FRAME_HEIGHT, total);
            cx += w;
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
