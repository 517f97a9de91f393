//! The one place the document's `<title>` is set. Pages call [`PageTitle`]; the app root calls
//! [`SiteTitle`] once. Nothing else in the app may use `leptos_meta::Title` (a test below reads
//! the sources to hold that).
//!
//! Why: on the server `leptos_meta` (0.8) writes the title's text into the HTML as it is, so a
//! job title like `Eng</title><meta http-equiv=refresh …>` would close the title and add
//! markup to the page head of every page that shows it, the public share page included. In
//! the browser the title is set through `textContent`, which is safe, so only the server's
//! text is escaped: the same characters show in both.

use leptos::prelude::*;
use leptos_meta::Title;

/// The site's name, alone on pages without a title of their own and after every page title.
pub const SITE_NAME: &str = "Interview Simulator";

/// Sets the page's title to `text` (user text welcome), followed by the site's name.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=for_document(text) /> }
}

/// Adds the site's name to every page title; rendered once, by the app's root.
#[component]
pub fn SiteTitle() -> impl IntoView {
    view! { <Title formatter=full_title /> }
}

/// "<page> · Interview Simulator", or the site's name alone.
fn full_title(page: String) -> String {
    if page.is_empty() {
        SITE_NAME.to_owned()
    } else {
        format!("{page} · {SITE_NAME}")
    }
}

/// The text as the title element needs it where this code runs: escaped on the server (where it
/// becomes HTML), as it is in the browser (where it becomes `textContent`).
fn for_document(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        escape_title_text(&text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

/// Escapes text for the content of a `<title>` element: `&`, `<` and `>` become references, so
/// no sequence in it can end the element or start another. Quotes need nothing here (no
/// attribute); NUL and other control characters become spaces, as browsers would not show them.
/// Server side only: the browser sets the title as text.
#[cfg(any(feature = "ssr", test))]
pub fn escape_title_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            control if control.is_control() => escaped.push(' '),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_title_cannot_close_it_or_add_elements() {
        let hostile = "Eng</title><meta http-equiv=refresh content='0;url=https://evil.example'>";
        let escaped = escape_title_text(hostile);
        assert_eq!(
            escaped,
            "Eng&lt;/title&gt;&lt;meta http-equiv=refresh content='0;url=https://evil.example'&gt;"
        );
        assert!(!escaped.contains('<') && !escaped.contains('>'));
        for payload in [
            "</TITLE ><script>x</script>",
            "</title\t><img src=x onerror=alert(1)>",
            "<!--",
            "<![CDATA[",
        ] {
            let escaped = escape_title_text(payload);
            assert!(!escaped.contains('<'), "{payload} → {escaped}");
        }
    }

    #[test]
    fn ampersands_are_escaped_once_so_references_show_as_typed() {
        assert_eq!(escape_title_text("R&D &lt; QA"), "R&amp;D &amp;lt; QA");
        assert_eq!(escape_title_text("Plain title"), "Plain title");
        assert_eq!(
            escape_title_text("\"quotes\" and 'apostrophes'"),
            "\"quotes\" and 'apostrophes'"
        );
    }

    #[test]
    fn control_characters_become_spaces_and_other_text_is_kept() {
        assert_eq!(escape_title_text("a\u{0}b\nc"), "a b c");
        let mixed = "Infirmière \u{202E}evil\u{200B} 看護師";
        assert_eq!(escape_title_text(mixed), mixed);
    }

    #[test]
    fn the_site_name_follows_every_page_title() {
        assert_eq!(full_title(String::new()), "Interview Simulator");
        assert_eq!(
            full_title("Nurse at St Mary's".into()),
            "Nurse at St Mary's · Interview Simulator"
        );
    }

    /// Every page title goes through this module: a direct `leptos_meta::Title` elsewhere
    /// would write its text unescaped into the server's HTML.
    #[test]
    fn no_other_module_sets_the_title_directly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut stack = vec![root];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(
                    std::fs::read_dir(&path)
                        .unwrap()
                        .map(|entry| entry.unwrap().path()),
                );
            } else if path.extension().is_some_and(|ext| ext == "rs")
                && !path.ends_with("page_title.rs")
            {
                let source = std::fs::read_to_string(&path).unwrap();
                let imports_title = source.lines().any(|line| {
                    line.contains("leptos_meta")
                        && (line.contains("Title,")
                            || line.contains("Title}")
                            || line.contains("::Title;"))
                });
                if imports_title || source.contains("<Title ") {
                    offenders.push(path.display().to_string());
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "set titles with PageTitle: {offenders:?}"
        );
    }
}
