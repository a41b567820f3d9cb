package io.tokensniped.solver.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The main frame's documents, in the order the browser received them, and what each showed while it was on screen:
 * what the interstitial engine decides from. Plain logic, no browser: the rule is that a challenge is a document that
 * is marked as one (a challenge header, challenge markup) or answered with 4xx/5xx while running a script or a
 * refresh, and that it cleared when it gave way to a different, unmarked, successful document for the same URL
 * (path), however fast. Nothing here reads a response body; a document is judged by its status, its headers and,
 * while it is the current one, its DOM.
 * <p>
 * Documents are ordered by when their navigation request started, not by when their response was announced: the
 * browser's tooling may announce a quickly replaced document's response after its successor's (seen with a 429
 * challenge whose script cleared within a second: its response came second, and a trail in arrival order took the
 * challenge for the page on screen and waited for it until the deadline).
 */
final class DocumentTrail {

    private static final int FIRST_ERROR_STATUS = 400;

    /**
     * One main-frame document as its response announced it; {@code order}: when its navigation request started
     * (increasing, unique per request).
     */
    record Document(long order, String url, int status, boolean markedByHeader) {

        boolean error() {
            return status >= FIRST_ERROR_STATUS;
        }
    }

    /**
     * What a document showed in its DOM while it was current. {@code parsed}: its HTML was read to the end (the
     * markup below is complete). {@code marked}: challenge words or elements. {@code active}: a script or a refresh
     * that can take it further. {@code asksForPerson}: a visible checkbox.
     */
    record Look(String url, int status, boolean parsed, boolean marked, boolean active, boolean asksForPerson, String title) {
    }

    /** What the trail adds up to. */
    sealed interface Verdict {

        /** Nothing decided yet. */
        record Waiting() implements Verdict {
        }

        /** A challenge gave way to this document. */
        record Cleared(Document document) implements Verdict {
        }

        /** A challenge gave way to an error page that does nothing more: the site refused this browser. */
        record Refused(Document document) implements Verdict {
        }

        /** The challenge asks for a person. */
        record NeedsPerson() implements Verdict {
        }

        /** No challenge: the page as it stands shows none, and the appear time is over. */
        record NoChallenge(String why) implements Verdict {
        }
    }

    private final String requestedPath;
    /** Sorted by {@code order}. */
    private final List<Document> documents = new ArrayList<>();
    private final Map<Long, Look> looks = new HashMap<>();
    /** The latest look at whatever was on screen, kept or not: what the page showed when nothing else is known. */
    private Look lastSeen;

    DocumentTrail(String requestedUrl) {
        this.requestedPath = path(requestedUrl);
    }

    /**
     * A main-frame response that is a document (not a redirect hop), for the navigation request started {@code order}-th.
     * Put in its place among the others, however late it is announced; announced twice, it counts once.
     */
    synchronized void document(long order, String url, int status, boolean markedByHeader) {
        int position = documents.size();
        while (position > 0 && documents.get(position - 1).order() >= order) {
            if (documents.get(position - 1).order() == order) {
                return;
            }
            position--;
        }
        documents.add(position, new Document(order, url, status, markedByHeader));
    }

    synchronized int size() {
        return documents.size();
    }

    synchronized Document latest() {
        return documents.isEmpty() ? null : documents.get(documents.size() - 1);
    }

    /**
     * What the current DOM showed, read while {@code documentsBefore} documents were known. It is kept for the latest
     * document only when no new document arrived meanwhile and it is that document's (same URL, and same status when
     * the browser says): a look at a document about to be replaced is never taken for its successor's.
     */
    synchronized void look(Look look, int documentsBefore) {
        lastSeen = look;
        Document latest = latest();
        if (latest == null || documents.size() != documentsBefore
                || !withoutFragment(look.url()).equals(withoutFragment(latest.url()))
                || (look.status() != 0 && look.status() != latest.status())) {
            return;
        }
        looks.put(latest.order(), look);
    }

    synchronized Look lookAt(Document document) {
        return looks.get(document.order());
    }

    synchronized Verdict verdict(boolean appearTimeOver) {
        Document latest = latest();
        if (latest == null) {
            return new Verdict.Waiting();
        }
        int position = documents.size() - 1;
        Look look = looks.get(latest.order());
        if (look != null && look.asksForPerson() && challenge(latest, look)) {
            return new Verdict.NeedsPerson();
        }
        boolean settled = look != null && look.parsed() && !look.marked() && !latest.markedByHeader();
        if (position > 0 && challengeBefore(position)) {
            if (settled && !latest.error() && sameTarget(latest)) {
                return new Verdict.Cleared(latest);
            }
            if (settled && latest.error() && !look.active()) {
                return new Verdict.Refused(latest);
            }
        }
        if (appearTimeOver && settled && !challenge(latest, look) && !challengeBefore(position)) {
            return new Verdict.NoChallenge(latest.error()
                    ? "the page answered HTTP " + latest.status() + " and showed no challenge running"
                    : "the page showed no challenge (HTTP " + latest.status() + ")");
        }
        return new Verdict.Waiting();
    }

    /** Was there a challenge among the documents before this position? One never looked at that gave way counts. */
    private boolean challengeBefore(int position) {
        for (int i = 0; i < position; i++) {
            Document d = documents.get(i);
            Look look = looks.get(d.order());
            if (look == null ? d.error() || d.markedByHeader() || sameTarget(documents.get(i + 1)) : challenge(d, look)) {
                return true;
            }
        }
        return false;
    }

    private static boolean challenge(Document document, Look look) {
        return document.markedByHeader() || look.marked() || (document.error() && look.active());
    }

    /** A document for the page asked for: the requested URL's path or that of the first document it led to. */
    private boolean sameTarget(Document document) {
        String path = path(document.url());
        return path.equals(requestedPath) || path.equals(path(documents.get(0).url()));
    }

    /** A short account of the trail for a failure message. */
    synchronized String describe() {
        Document latest = latest();
        if (latest == null) {
            return "no document arrived";
        }
        Look look = looks.get(latest.order());
        String described = documents.size() + (documents.size() == 1 ? " document" : " documents") + "; the last, "
                + latest.url() + ", answered HTTP " + latest.status();
        if (look != null) {
            return described + shown(look);
        }
        // The last document was never seen on screen: say what was, so a stall and a page that moved on differ.
        return described + (lastSeen == null
                ? ", and the page never answered a look at it"
                : ", but the page showed " + lastSeen.url()
                        + (lastSeen.status() == 0 ? "" : " (HTTP " + lastSeen.status() + ")")
                        + shown(lastSeen));
    }

    private static String shown(Look look) {
        String title = look.title() == null || look.title().isBlank() ? "" : " \"" + look.title() + "\"";
        return title + (look.active() ? ", running a script or refresh" : ", doing nothing");
    }

    static String path(String url) {
        try {
            URI uri = URI.create(url);
            return Objects.toString(uri.getScheme(), "") + "://" + Objects.toString(uri.getRawAuthority(), "")
                    + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return withoutFragment(url);
        }
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
