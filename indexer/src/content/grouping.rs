//! Headings and the blocks under them → an entry's sections: the
//! shallowest heading level starts a section, deeper ones stay inside it,
//! and a heading that only groups its subheadings gives way to them.

use super::markdown::collapse;
use crate::model::Section;

/// The blocks between headings grouped into sections, whitespace
/// collapsed; an intro with nothing in it is not a section.
pub(super) fn finish_sections(blocks: Vec<Section>, levels: Vec<u8>) -> Vec<Section> {
    let mut blocks: Vec<(u8, Section)> = levels.into_iter().zip(blocks).collect();
    let (_, intro) = blocks.remove(0);
    let mut sections = group(intro, blocks);
    for s in &mut sections {
        s.text = collapse(&s.text);
    }
    if sections.len() > 1
        && sections[0].text.is_empty()
        && sections[0].steps.is_empty()
        && sections[0].code.is_empty()
    {
        sections.remove(0);
    }
    sections
}

/// The intro followed by the sections of `blocks` (heading level, block).
/// Each heading of the shallowest level starts a section and the deeper
/// ones stay inside it, so an entry written with `###` causes has them as
/// sections, and a `## Cause` keeps its `### Fix`. A heading with nothing
/// of its own before two or more subheadings (`## Causes`) only groups
/// them: its subheadings are the sections.
fn group(intro: Section, blocks: Vec<(u8, Section)>) -> Vec<Section> {
    let mut out = vec![intro];
    let Some(top) = blocks.iter().map(|(level, _)| *level).min() else {
        return out;
    };
    let mut blocks = blocks.into_iter().peekable();
    // Deeper headings before the first of the shallowest level: the intro's.
    while let Some((_, block)) = blocks.next_if(|(level, _)| *level > top) {
        absorb(&mut out[0], block);
    }
    while let Some((_, mut head)) = blocks.next() {
        let mut children = Vec::new();
        while let Some(child) = blocks.next_if(|(level, _)| *level > top) {
            children.push(child);
        }
        let child_top = children.first().map(|(level, _)| *level);
        let subheadings = children
            .iter()
            .filter(|(level, _)| Some(*level) == child_top)
            .count();
        let only_groups =
            head.text.trim().is_empty() && head.steps.is_empty() && head.code.is_empty();
        if only_groups && subheadings >= 2 && children.iter().all(|(l, _)| Some(*l) >= child_top) {
            out.extend(group(Section::default(), children).into_iter().skip(1));
        } else {
            for (_, child) in children {
                absorb(&mut head, child);
            }
            out.push(head);
        }
    }
    out
}

/// A subsection's heading, text, steps and code, appended to its section.
fn absorb(section: &mut Section, sub: Section) {
    section.text.push('\n');
    section.text.push_str(&sub.heading);
    section.text.push('\n');
    section.text.push_str(&sub.text);
    section.steps.extend(sub.steps);
    section.code.extend(sub.code);
    section.errors.extend(sub.errors);
}
