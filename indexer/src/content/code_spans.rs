//! The inline code spans of one markdown line, as CommonMark pairs them:
//! a run of backticks opens a span that the next run of the same length
//! closes (an unpaired run is text). Markup of other tools (a Hugo
//! shortcode, a Liquid tag) is read outside them only: code is matched
//! exactly, so `'{:>10}'.format(x)` or `{% endfor %}` stays as written.

use std::borrow::Cow;
use std::collections::HashMap;

/// `line` with `rewrite` applied to each stretch of text between its code
/// spans; the spans stay as they are. Linear in the line's length.
pub fn outside_code<'a>(line: &'a str, rewrite: impl Fn(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    if !line.contains('`') {
        return rewrite(line);
    }
    let runs = backtick_runs(line);
    // Per run length, the runs of that length not yet passed, in order.
    let mut by_length: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, &(_, n)) in runs.iter().enumerate().rev() {
        by_length.entry(n).or_default().push(k);
    }
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut text_from = 0;
    let mut r = 0;
    while r < runs.len() {
        let (start, n) = runs[r];
        let same = by_length.get_mut(&n).expect("every run's length is listed");
        while same.last().is_some_and(|&k| k <= r) {
            same.pop();
        }
        let Some(&close) = same.last() else {
            r += 1;
            continue;
        };
        let text = &line[text_from..start];
        let read = rewrite(text);
        changed |= read != text;
        out.push_str(&read);
        let end = runs[close].0 + n;
        out.push_str(&line[start..end]);
        text_from = end;
        r = close + 1;
    }
    let text = &line[text_from..];
    let read = rewrite(text);
    changed |= read != text;
    out.push_str(&read);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(line)
    }
}

/// (start, length) of each run of backticks, in order.
fn backtick_runs(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let start = i;
            while i < bytes.len() && bytes[i] == b'`' {
                i += 1;
            }
            runs.push((start, i - start));
        } else {
            i += 1;
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shout(s: &str) -> Cow<'_, str> {
        if s.contains('x') {
            Cow::Owned(s.replace('x', "X"))
        } else {
            Cow::Borrowed(s)
        }
    }

    #[test]
    fn code_spans_are_left_as_written() {
        assert_eq!(
            outside_code("x `x` x ``a`x`` x", shout),
            "X `x` X ``a`x`` X"
        );
        // An unpaired run is text; a longer run does not close a shorter.
        assert_eq!(outside_code("x ``x` x", shout), "X ``X` X");
        assert!(matches!(outside_code("a `x` b", shout), Cow::Borrowed(_)));
        assert_eq!(outside_code("no ticks x", shout), "no ticks X");
    }
}
