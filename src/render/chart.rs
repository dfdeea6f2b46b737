//! Horizontal bar charts as static inline SVG: no JavaScript, no chart library.
//!
//! Each bar has its label written above it and its number after it, so nothing is told
//! by colour alone; one dark colour (6.9:1 on white) serves every bar. The SVG is an
//! image named by its `<title>` and `<desc>` (`role="img"`, `aria-labelledby`); the page
//! gives the same numbers in a table, which is what screen readers should read. The
//! `viewBox` lets the chart scale down to a 320 px phone and up to the column's width.

use crate::output::escape;

/// One bar of a chart.
pub struct Bar<'a> {
    pub label: &'a str,
    /// Whether the label is content (a field's name …) rather than interface words.
    pub content: bool,
    pub value: usize,
    /// The value as the reader reads it (`1.234`).
    pub value_text: String,
}

/// Width of the drawing in SVG units; the CSS scales it. About a phone's width, so that
/// the text keeps nearly its size there.
const WIDTH: usize = 320;
/// Text size and the height of a line of text.
const FONT: usize = 14;
const LINE: usize = 18;
const BAR: usize = 16;
const GAP: usize = 12;
/// Room after the longest bar for its number.
const VALUE_ROOM: usize = 50;
/// Characters of a label line: about 0.55 em a character in a sans-serif font.
const LINE_CHARS: usize = 40;
const BAR_COLOUR: &str = "#1a5a96";
const TEXT_COLOUR: &str = "#0b0c0c";

/// The SVG of a bar chart. `id` makes the ids of its title and description unique on
/// the page; `content_lang` is the attribute that marks content (` lang="vi"`, or empty
/// when the interface is Vietnamese too).
pub fn bars(id: &str, title: &str, desc: &str, bars: &[Bar], content_lang: &str) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let longest = WIDTH - VALUE_ROOM;
    let mut body = String::new();
    let mut y = 0;
    for bar in bars {
        let lang = if bar.content { content_lang } else { "" };
        for line in wrap(bar.label, LINE_CHARS) {
            y += LINE;
            body.push_str(&format!(
                "<text x=\"0\" y=\"{}\"{lang}>{}</text>",
                y - 4,
                escape(&line)
            ));
        }
        y += 2;
        // Rounded to whole units, so that the same numbers give the same bytes; a bar
        // above zero stays visible however small.
        let width = (longest * bar.value + max / 2)
            .checked_div(max)
            .unwrap_or(0)
            .max(usize::from(bar.value > 0) * 2);
        body.push_str(&format!(
            "<rect x=\"0\" y=\"{y}\" width=\"{width}\" height=\"{BAR}\" fill=\"{BAR_COLOUR}\"/>\
             <text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>",
            width + 6,
            y + BAR - 3,
            escape(&bar.value_text)
        ));
        y += BAR + GAP;
    }
    let height = y.saturating_sub(GAP).max(1);
    format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"{FONT}\" fill=\"{TEXT_COLOUR}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{body}</svg>",
        escape(title),
        escape(desc),
    )
}

/// Words into lines of at most `width` characters (a longer word has a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: usize) -> Bar<'_> {
        Bar {
            label,
            content: true,
            value,
            value_text: value.to_string(),
        }
    }

    #[test]
    fn long_labels_wrap_at_words() {
        assert_eq!(wrap("một hai ba", 7), ["một hai", "ba"]);
        assert_eq!(wrap("dài-quá-mức một", 5), ["dài-quá-mức", "một"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn bars_are_labelled_scaled_and_escaped() {
        let svg = bars(
            "c",
            "Chart <1>",
            "Figures below",
            &[bar("A & B", 10), bar("C", 5), bar("D", 0)],
            " lang=\"vi\"",
        );
        assert!(svg.starts_with("<svg class=\"chart\""), "{svg}");
        assert!(svg.contains("role=\"img\" aria-labelledby=\"c-title c-desc\""));
        assert!(svg.contains("<title id=\"c-title\">Chart &lt;1&gt;</title>"));
        assert!(svg.contains("<text x=\"0\" y=\"14\" lang=\"vi\">A &amp; B</text>"));
        // The longest bar takes the whole width but the number's room; the others scale.
        assert!(svg.contains("width=\"270\""), "{svg}");
        assert!(svg.contains("width=\"135\""), "{svg}");
        assert!(svg.contains("width=\"0\""), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains(">10</text>") && svg.contains(">0</text>"));
        // Nothing to draw is still a valid, empty drawing.
        let empty = bars("e", "t", "d", &[], "");
        assert!(empty.contains("viewBox=\"0 0 320 1\""), "{empty}");
    }
}
