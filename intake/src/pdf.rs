//! Text from PDF files: pdf-extract decodes the glyphs (fonts, encodings, ToUnicode maps) and
//! this module decides where words and lines end, from where each glyph sits on the page.
//!
//! pdf-extract's own plain-text writer splits words whenever a glyph lands a tenth of an em
//! after the previous one, which breaks Chromium's and LibreOffice's bold text ("Fern licht");
//! our layout adapts the threshold to whether the producer writes real space characters.
//!
//! Before extraction the page tree is rebuilt as one flat list: a walk with a visited set
//! (page-tree loops, P18), a page limit (P19), and inherited `Resources`/`MediaBox` copied onto
//! each page, because pdf-extract follows `/Parent` links without a visited set and panics on
//! a page without a media box. pdf-extract can still panic or recurse without end on other
//! hostile files; callers run this in the extraction worker process (see `worker`).

use std::collections::HashSet;

use pdf_extract::{
    Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform,
};

use crate::DocumentError;

/// CVs and job descriptions run to a few pages; anything longer is not one.
pub const MAX_PAGES: usize = 50;
/// Page-tree nodes visited before giving up on a tree (a 50-page tree has ~60).
const MAX_TREE_NODES: usize = 10_000;
/// Glyphs kept before refusing: far more than 50 dense pages (~5,000 glyphs each).
const MAX_GLYPHS: usize = 1_000_000;
/// Text smaller than this (in points) cannot be read on a printed page: a hiding technique.
const TINY_TEXT_POINTS: f64 = 3.0;
/// US Letter, for pages that name no media box at all.
const DEFAULT_MEDIA_BOX: [i64; 4] = [0, 0, 612, 792];

/// What came out of a PDF, before the common clean-up.
#[derive(Debug, Default)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
    /// 1-based numbers of pages that had no text at all (scanned pages, images).
    pub pages_without_text: Vec<usize>,
    /// Visible characters set in text too small to read (a way to hide instructions).
    pub tiny_chars: usize,
    /// Pages reached more than once in the page tree (a damaged or hostile file).
    pub page_tree_repaired: bool,
}

pub fn extract(bytes: &[u8]) -> Result<PdfText, DocumentError> {
    let mut document = Document::load_mem(bytes).map_err(|error| load_error(&error))?;
    if document.is_encrypted() {
        return Err(DocumentError::PasswordProtected);
    }
    let tree = flatten_page_tree(&mut document)?;
    let mut collector = GlyphCollector::default();
    pdf_extract::output_doc(&document, &mut collector).map_err(|error| match error {
        OutputError::IoError(_) => DocumentError::Suspicious {
            reason: "This PDF holds far more text than a CV or job description.".into(),
        },
        _ => DocumentError::Damaged {
            what: "PDF".into(),
            advice: "Export it again from your word processor, or paste the text.".into(),
        },
    })?;

    let mut result = PdfText {
        pages: collector.pages.len(),
        page_tree_repaired: tree.repaired,
        ..PdfText::default()
    };
    for (index, page) in collector.pages.iter().enumerate() {
        let visible: Vec<&Glyph> = page.iter().filter(|g| !g.text.trim().is_empty()).collect();
        if visible.is_empty() {
            result.pages_without_text.push(index + 1);
            continue;
        }
        result.tiny_chars += visible.iter().filter(|g| g.size < TINY_TEXT_POINTS).count();
        if !result.text.is_empty() {
            result.text.push_str("\n\n");
        }
        lay_out_page(page, &mut result.text);
    }
    if result.text.trim().is_empty() {
        return Err(DocumentError::ScannedPdf);
    }
    Ok(result)
}

fn load_error(error: &pdf_extract::Error) -> DocumentError {
    use pdf_extract::Error;
    match error {
        Error::Decryption(_) | Error::InvalidPassword | Error::AlreadyEncrypted => {
            DocumentError::PasswordProtected
        }
        _ => DocumentError::Damaged {
            what: "PDF".into(),
            advice: "It may be incomplete (an interrupted download?): export or download it again, or paste the text.".into(),
        },
    }
}

struct PageTree {
    repaired: bool,
}

/// Values a page inherits from its ancestors when it does not set them itself.
#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Object>,
    media_box: Option<Object>,
}

/// Rewrites the page tree as a root with every page as a direct kid, each page carrying its
/// own `Resources` and `MediaBox`. Refuses trees with more than `MAX_PAGES` pages.
fn flatten_page_tree(document: &mut Document) -> Result<PageTree, DocumentError> {
    let damaged = || DocumentError::Damaged {
        what: "PDF".into(),
        advice: "Its list of pages is broken. Export it again, or paste the text.".into(),
    };
    let root_id = document
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"Pages").ok())
        .and_then(|pages| pages.as_reference().ok())
        .ok_or_else(damaged)?;

    let mut pages: Vec<(ObjectId, Inherited)> = Vec::new();
    let mut visited = HashSet::new();
    let mut repaired = false;
    let mut stack = vec![(root_id, Inherited::default())];
    while let Some((node_id, inherited)) = stack.pop() {
        if !visited.insert(node_id) {
            repaired = true;
            continue;
        }
        if visited.len() > MAX_TREE_NODES {
            return Err(DocumentError::TooManyPages);
        }
        let Ok(node) = document.get_dictionary(node_id) else {
            repaired = true;
            continue;
        };
        let inherited = Inherited {
            resources: node.get(b"Resources").ok().cloned().or(inherited.resources),
            media_box: node.get(b"MediaBox").ok().cloned().or(inherited.media_box),
        };
        match node.get(b"Kids").and_then(Object::as_array) {
            Ok(kids) => {
                // Reversed so that the stack pops them in document order.
                for kid in kids.iter().rev() {
                    match kid.as_reference() {
                        Ok(kid_id) => stack.push((kid_id, inherited.clone())),
                        Err(_) => repaired = true,
                    }
                }
            }
            Err(_) if node_id == root_id => return Err(damaged()),
            Err(_) => {
                pages.push((node_id, inherited));
                if pages.len() > MAX_PAGES {
                    return Err(DocumentError::TooManyPages);
                }
            }
        }
    }

    let kids: Vec<Object> = pages.iter().map(|(id, _)| Object::Reference(*id)).collect();
    let count = kids.len() as i64;
    for (page_id, inherited) in pages {
        let page = document
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|_| damaged())?;
        set_inherited(page, b"Resources", inherited.resources, || {
            Object::Dictionary(Dictionary::new())
        });
        set_inherited(page, b"MediaBox", inherited.media_box, || {
            Object::Array(
                DEFAULT_MEDIA_BOX
                    .iter()
                    .map(|n| Object::Integer(*n))
                    .collect(),
            )
        });
        page.set("Parent", Object::Reference(root_id));
        page.set("Type", Object::Name(b"Page".to_vec()));
    }
    let root = document
        .get_object_mut(root_id)
        .and_then(Object::as_dict_mut)
        .map_err(|_| damaged())?;
    root.set("Kids", Object::Array(kids));
    root.set("Count", Object::Integer(count));
    root.set("Type", Object::Name(b"Pages".to_vec()));
    root.remove(b"Parent");
    Ok(PageTree { repaired })
}

fn set_inherited(
    page: &mut Dictionary,
    key: &[u8],
    inherited: Option<Object>,
    default: impl FnOnce() -> Object,
) {
    if page.get(key).is_err() {
        page.set(key.to_vec(), inherited.unwrap_or_else(default));
    }
}

/// One glyph, in page coordinates with y growing downwards, sizes in points.
#[derive(Debug)]
struct Glyph {
    x: f64,
    y: f64,
    /// Where the pen is after the glyph (x plus advance).
    end: f64,
    size: f64,
    text: String,
}

/// Collects glyphs page by page, in content-stream order.
#[derive(Default)]
struct GlyphCollector {
    pages: Vec<Vec<Glyph>>,
    page_height: f64,
    glyphs: usize,
}

impl OutputDev for GlyphCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury;
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            return Err(OutputError::IoError(std::io::Error::other(
                "too many glyphs",
            )));
        }
        // The text rendering matrix maps text space to the page; the advance is the glyph's
        // width at this size plus character spacing, along the baseline.
        let advance = width * font_size + spacing;
        let (advance_x, advance_y) = (advance * trm.m11, advance * trm.m12);
        let (size_x, size_y) = (font_size * trm.m21, font_size * trm.m22);
        let size = size_x.hypot(size_y);
        let x = trm.m31;
        let end = x + advance_x.hypot(advance_y) * advance_x.signum();
        let glyph = Glyph {
            x,
            y: self.page_height - trm.m32,
            end,
            size,
            text: text.to_owned(),
        };
        if let Some(page) = self.pages.last_mut() {
            page.push(glyph);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Writes one page's glyphs as lines of text.
///
/// Glyphs are taken in content-stream order (producers draw columns and table cells one after
/// the other, which is close to reading order); a glyph starts a new line when it leaves the
/// current baseline or jumps back to the left. Within a line a gap becomes a space, or a tab
/// when it is wide (a table cell, a right-aligned date).
fn lay_out_page(glyphs: &[Glyph], out: &mut String) {
    let word_gap = word_gap_em(glyphs);
    let mut line: Option<LineState> = None;
    for glyph in glyphs {
        let is_space = glyph.text.trim().is_empty();
        let size = glyph.size.max(1.0);
        match &mut line {
            Some(state)
                if (glyph.y - state.y).abs() < 0.5 * size.max(state.size)
                    && glyph.x > state.end - 1.5 * size =>
            {
                if is_space {
                    state.pending_space = true;
                    state.end = state.end.max(glyph.end);
                    continue;
                }
                let gap = glyph.x - state.end;
                if gap > 2.5 * size {
                    out.push('\t');
                } else if state.pending_space || gap > word_gap * size {
                    out.push(' ');
                }
                state.pending_space = false;
                state.end = glyph.end;
                state.size = state.size.max(size);
                push_glyph_text(out, &glyph.text);
            }
            _ => {
                if is_space {
                    continue;
                }
                if let Some(previous) = &line {
                    out.push('\n');
                    // A gap of more than one and a half lines separates paragraphs.
                    if glyph.y - previous.y > 2.0 * previous.size.max(size) {
                        out.push('\n');
                    }
                }
                line = Some(LineState {
                    y: glyph.y,
                    end: glyph.end,
                    size,
                    pending_space: false,
                });
                if is_bullet(&glyph.text) {
                    out.push('-');
                } else {
                    push_glyph_text(out, &glyph.text);
                }
            }
        }
    }
}

struct LineState {
    y: f64,
    end: f64,
    size: f64,
    pending_space: bool,
}

/// The gap, in ems, above which two glyphs belong to different words. Producers that write
/// space characters (most do) only need gap detection for columns, and their glyph positions
/// can be off by up to half an em when the PDF's width table disagrees with the font
/// (Chromium: "201 1", "Looker ,"); producers that never write spaces (TeX) separate words
/// by position alone, so the threshold must be low.
fn word_gap_em(glyphs: &[Glyph]) -> f64 {
    let spaces = glyphs.iter().filter(|g| g.text == " ").count();
    if spaces * 40 > glyphs.len() {
        0.6
    } else {
        0.15
    }
}

fn is_bullet(text: &str) -> bool {
    matches!(text, "•" | "●" | "▪" | "◦" | "‣" | "∙" | "■" | "–" | "·")
}

/// Appends a glyph's text, spelling out typographic ligatures (ﬁ → fi) so the text can be
/// searched and read by the interviewer.
fn push_glyph_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            _ => out.push(c),
        }
    }
}
