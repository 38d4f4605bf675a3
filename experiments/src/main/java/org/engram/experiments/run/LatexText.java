package org.engram.experiments.run;

/**
 * Text, such as a strategy's label or a name given with {@code --name}, written into LaTeX so that
 * pdflatex with its default fonts prints it as typed: characters LaTeX reads as commands are
 * escaped, ASCII that the default (OT1) fonts print as other glyphs is spelled out ({@code |} came
 * out as a dash, {@code <} as an inverted exclamation mark, {@code "} as a closing quote), straight
 * double quotes become opening and closing quotes, and Greek letters, which pdflatex refuses
 * without packages of their own, are set in math mode ({@code EWC (λ = 100)} as
 * {@code EWC ($\lambda$ = 100)}).
 */
final class LatexText {
    /**
     * The Greek small letters α to ω (U+03B1 to U+03C9) as LaTeX names them, or as the Latin letter
     * that LaTeX sets for one it does not name (a single letter here): ο is o, ς is σ's final form.
     */
    private static final String[] SMALL_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
        "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "o", "pi", "rho", "varsigma", "sigma", "tau",
        "upsilon", "phi", "chi", "psi", "omega"};
    /** The capitals Α to Ω (U+0391 to U+03A9) likewise: those like a Latin letter are that letter; U+03A2 is none. */
    private static final String[] CAPITAL_GREEK = {"A", "B", "Gamma", "Delta", "E", "Z", "H", "Theta", "I", "K",
        "Lambda", "M", "N", "Xi", "O", "Pi", "P", null, "Sigma", "T", "Upsilon", "Phi", "X", "Psi", "Omega"};

    private LatexText() {
    }

    /**
     * The text as LaTeX source that prints it.
     *
     * @param text any text of one line
     * @return the source, e.g. {@code replay\_ewc}, {@code ACC (\%)}, {@code ``plain''}
     */
    static String escaped(String text) {
        StringBuilder sb = new StringBuilder();
        boolean quoteOpen = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String greek = greek(c);
            if (greek != null) {
                sb.append(greek);
                continue;
            }
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '|' -> sb.append("\\textbar{}");
                case '<' -> sb.append("\\textless{}");
                case '>' -> sb.append("\\textgreater{}");
                case '`' -> sb.append("\\textasciigrave{}");
                case '"' -> {
                    sb.append(quoteOpen ? "''" : "``");
                    quoteOpen = !quoteOpen;
                }
                // Two or three hyphens would be a dash.
                case '-' -> sb.append(i + 1 < text.length() && text.charAt(i + 1) == '-' ? "-{}" : "-");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Whether text written by {@link #escaped} still holds characters outside ASCII, which pdflatex
     * prints only with packages for them (xelatex and lualatex print them as they are).
     *
     * @param text the text before escaping
     * @return whether any character is neither ASCII nor Greek
     */
    static boolean needsUnicode(String text) {
        return text.chars().anyMatch(c -> c > 0x7f && greek((char) c) == null);
    }

    /** A Greek letter in math mode, {@code $\lambda$}, or the Latin letter it looks like; null for others. */
    private static String greek(char c) {
        String name = c >= '\u03b1' && c <= '\u03c9' ? SMALL_GREEK[c - '\u03b1']
                : c >= '\u0391' && c <= '\u03a9' ? CAPITAL_GREEK[c - '\u0391'] : null;
        return name == null || name.length() == 1 ? name : "$\\" + name + "$";
    }
}
