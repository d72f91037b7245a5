//! HTML escaping for the formats whose viewers render strings as HTML.

/// `s` with the five characters that can open a tag, an entity or an
/// attribute value escaped, so article text shows as text: an article
/// quoting `<script>` must not run it in the reader's browser.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)\
             &lt;/script&gt;"
        );
        assert_eq!(
            escape("Khan Sheikhoun, 4 April"),
            "Khan Sheikhoun, 4 April"
        );
    }
}
