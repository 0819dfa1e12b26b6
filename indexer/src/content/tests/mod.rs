use super::*;

mod links;

fn parse(path: &str, text: &str) -> Result<Entry, ContentError> {
    parse_entry(path, text, &LinkMap::default())
}

const SAMPLE: &str = "---
id: image-pull-backoff
title: What do I do if an image fails to be pulled (ImagePullBackOff)?
category: Service deployment
statuses: [Failed, ImagePullBackOff, 401]
errors:
  - \"no space left on device\"
---

The image could not be pulled.

## Insufficient system disk space

The disk is full: `no space left on device`.

1. Open the console.
2. Expand the **system disk**.

## ACR access control not configured

- For the internal endpoint:
  1. Add a VPC, such as `eas_vpc`.
  2. Add `eas_vpc` to the ACR whitelist.

```json
{\"metadata\": {\"disk\": \"40Gi\"}}
```
";

#[test]
fn front_matter_fields_are_read() {
    let e = parse("deploy/image-pull-backoff.md", SAMPLE).unwrap();
    assert_eq!(e.id, "image-pull-backoff");
    assert_eq!(
        e.title,
        "What do I do if an image fails to be pulled (ImagePullBackOff)?"
    );
    assert_eq!(e.category, "Service deployment");
    assert_eq!(e.statuses, ["Failed", "ImagePullBackOff", "401"]);
    assert_eq!(e.errors, ["no space left on device"]);
}

#[test]
fn sections_steps_and_code_are_extracted() {
    let e = parse("x.md", SAMPLE).unwrap();
    let headings: Vec<&str> = e.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "",
            "Insufficient system disk space",
            "ACR access control not configured"
        ]
    );
    assert_eq!(e.sections[0].text, "The image could not be pulled.");
    assert_eq!(
        e.sections[1].steps,
        ["Open the console.", "Expand the system disk."]
    );
    assert_eq!(e.sections[1].anchor, "insufficient-system-disk-space");
    // An ordered list nested in a bullet list still gives steps.
    assert_eq!(
        e.sections[2].steps,
        [
            "Add a VPC, such as eas_vpc.",
            "Add eas_vpc to the ACR whitelist."
        ]
    );
    assert!(e.sections[2]
        .code
        .iter()
        .any(|c| c.contains("\"disk\": \"40Gi\"")));
    assert!(e.sections[1]
        .code
        .contains(&"no space left on device".to_string()));
}

#[test]
fn html_has_anchored_headings_and_numbered_lists() {
    let e = parse("x.md", SAMPLE).unwrap();
    assert!(
        e.html
            .contains("<h2 id=\"insufficient-system-disk-space\">"),
        "{}",
        e.html
    );
    assert!(e.html.contains("<ol>"));
    assert!(e.html.contains("<code class=\"language-json\">"));
}

#[test]
fn defaults_come_from_file_name_heading_and_folder() {
    let e = parse("resource-issues/disk-full.md", "# Disk is full\n\nText.\n").unwrap();
    assert_eq!(e.id, "disk-full");
    assert_eq!(e.title, "Disk is full");
    assert_eq!(e.category, "Resource issues");
    assert!(
        !e.html.contains("<h1"),
        "the title heading is not repeated in the body"
    );
    assert_eq!(parse("root.md", "# T\n").unwrap().category, "General");
}

#[test]
fn a_missing_title_is_an_error_at_line_one() {
    let err = parse("a.md", "---\nid: a\n---\nno heading here\n").unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("a.md", 1));
    assert!(err.message.contains("no title"));
}

#[test]
fn broken_yaml_names_the_line() {
    let err = parse(
        "b.md",
        "---\nid: b\ntitle: [unclosed\nstatuses: x\n---\nbody\n",
    )
    .unwrap_err();
    assert_eq!(err.file, "b.md");
    assert!(err.line >= 3 && err.line <= 5, "line {}", err.line);
    assert!(err.message.contains("YAML"));
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let err = parse("c.md", "---\nid: c\ntitle: x\n\nbody\n").unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("never closed"));
}

#[test]
fn wrong_types_name_the_key_line() {
    let err = parse("d.md", "---\ntitle: T\nstatuses:\n  a: b\n---\n").unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.contains("`statuses` must be a list"));
}

#[test]
fn unknown_keys_only_warn() {
    let (e, warnings) = parse_entry_with_warnings(
        "e.md",
        "---\ntitle: T\nowner: team-x\n---\n",
        &LinkMap::default(),
    )
    .unwrap();
    assert_eq!(e.title, "T");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, 3);
    assert!(warnings[0].message.contains("owner"));
}

#[test]
fn keys_of_site_generators_are_ignored_without_a_warning() {
    let (_, warnings) = parse_entry_with_warnings(
        "e.md",
        "---\ntitle: T\ndate: 2024-01-01\nweight: 3\nlayout: page\ndraft: true\nlinkTitle: FAQ\nhide_title: true\neleventyNavigation:\n  key: t\n---\n",
        &LinkMap::default(),
    )
    .unwrap();
    let keys: Vec<usize> = warnings.iter().map(|w| w.line).collect();
    assert_eq!(keys, [6], "only `draft` warns: a draft would be published");
}

/// Hugo writes front matter as TOML between `+++` lines: read it as the
/// same fields, where before its title was "missing" at line 1.
#[test]
fn toml_front_matter_is_read_like_yaml() {
    let (e, warnings) = parse_entry_with_warnings(
        "hugo/disk.md",
        "+++\ntitle = \"Disk is full\"\ndate = 2024-01-01T10:00:00Z\nstatuses = [\"Failed\", \"401\"]\nerrors = [{ text = \"no space left on device\", section = \"Logs\" }]\nowner = \"team-x\"\n+++\n\nThe disk is full.\n\n## Logs\n\n1. Delete old logs.\n",
        &LinkMap::default(),
    )
    .unwrap();
    assert_eq!(e.title, "Disk is full");
    assert_eq!(e.statuses, ["Failed", "401"]);
    assert_eq!(e.errors, ["no space left on device"]);
    assert_eq!(e.sections[1].errors, ["no space left on device"]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        (warnings[0].line, warnings[0].message.contains("owner")),
        (6, true)
    );
}

#[test]
fn broken_toml_names_the_line_and_an_unclosed_block_the_fence() {
    let err = parse("b.md", "+++\ntitle = \"T\"\nstatuses = [\"a\"\n+++\nbody\n").unwrap_err();
    assert!(err.line >= 3 && err.line <= 4, "line {}", err.line);
    assert!(err.message.contains("TOML"), "{}", err.message);
    let err = parse("c.md", "+++\ntitle = \"T\"\n\nbody\n").unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("`+++`"), "{}", err.message);
}

/// MkDocs and Docusaurus callouts show as callouts, without their
/// markers in the text a card quotes, and a problem after one is still
/// reported at the author's line.
#[test]
fn callouts_of_other_docs_tools_are_shown_as_callouts() {
    let (e, warnings) = parse_entry_with_warnings(
        "port.md",
        "# Port in use\n\n!!! warning \"Before you start\"\n    Stopping it drops connections.\n\n:::tip\nUse `ss -ltnp`.\n:::\n\nSee [the guide](missing.md).\n",
        &LinkMap::default(),
    )
    .unwrap();
    let text = &e.sections[0].text;
    assert!(!text.contains("!!!") && !text.contains(":::"), "{text}");
    assert!(text.contains("Before you start") && text.contains("ss -ltnp"));
    assert!(e
        .html
        .contains("<blockquote class=\"markdown-alert-warning\">"));
    assert!(e.html.contains("<p class=\"callout-label\">Tip</p>"));
    assert_eq!(warnings.iter().map(|w| w.line).collect::<Vec<_>>(), [10]);
}

/// With a title in the front matter, a `#` after the short answer is a
/// section, as before.
#[test]
fn a_late_h1_is_the_title_only_when_the_front_matter_has_none() {
    let text = "Short answer.\n\n# Disk full\n\nText.\n";
    let e = parse("a.md", text).unwrap();
    assert_eq!((e.title.as_str(), e.sections.len()), ("Disk full", 1));
    let e = parse("a.md", &format!("---\ntitle: T\n---\n{text}")).unwrap();
    assert_eq!(e.title, "T");
    assert_eq!(e.sections[1].heading, "Disk full");
}

/// Regression: a Hugo or MkDocs folder whose pages are `<name>/index.md`
/// failed with "duplicate id `index`".
#[test]
fn a_folder_s_own_page_is_named_after_the_folder() {
    let e = parse("resource-issues/disk-full/index.md", "# Disk full\n").unwrap();
    assert_eq!(
        (e.id.as_str(), e.category.as_str()),
        ("disk-full", "Resource issues")
    );
    let e = parse("net/v1.2/_index.md", "# T\n").unwrap();
    assert_eq!((e.id.as_str(), e.category.as_str()), ("v1.2", "Net"));
    assert_eq!(parse("dns/README.md", "# T\n").unwrap().id, "dns");
    assert_eq!(
        parse("index.md", "# T\n").unwrap().id,
        "index",
        "at the root"
    );
}

/// `## Disk full {#disk}` (MkDocs, Hugo, Pandoc) anchors the section at
/// `disk` without showing the braces; braces that name no id or class are
/// the heading's own text.
#[test]
fn a_heading_s_own_id_is_its_anchor_and_other_braces_stay_text() {
    let e = parse(
        "h.md",
        "# T\n\n## Disk full {#disk}\n\na\n\n## Format fails with {}\n\nb\n\n## KeyError: {'a': 1}\n\nc\n",
    )
    .unwrap();
    let got: Vec<(&str, &str)> = e
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.anchor.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Disk full", "disk"),
            ("Format fails with {}", "format-fails-with"),
            ("KeyError: {'a': 1}", "keyerror-a-1"),
        ]
    );
    assert!(
        e.html.contains("<h2 id=\"disk\">Disk full</h2>"),
        "{}",
        e.html
    );
}

/// Found by the content fuzz test: an id of `_` alone could not be found
/// by searching it.
#[test]
fn an_id_needs_a_letter_or_digit() {
    let err = parse("f.md", "---\ntitle: T\nid: _\n---\n").unwrap_err();
    assert_eq!(err.line, 3);
    assert!(
        err.message.contains("no letter or digit"),
        "{}",
        err.message
    );
}

#[test]
fn ids_must_be_url_safe() {
    let err = parse("f.md", "---\nid: has space\ntitle: T\n---\n").unwrap_err();
    assert_eq!(err.line, 2);
}

#[test]
fn hostile_html_is_sanitised() {
    let md = "# T\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n";
    let e = parse("g.md", md).unwrap();
    assert!(!e.html.contains("<script"), "{}", e.html);
    assert!(!e.html.contains("onerror"), "{}", e.html);
    assert!(!e.html.contains("javascript:"), "{}", e.html);
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let e = parse("h.md", "\u{feff}---\r\ntitle: T\r\n---\r\n\r\nBody.\r\n").unwrap();
    assert_eq!(e.title, "T");
    assert_eq!(e.sections[0].text, "Body.");
}

#[test]
fn code_is_the_id_when_no_id_is_given_and_tags_are_keywords() {
    let e = parse(
        "errors/x.md",
        "---\ncode: E1102\ntitle: Quota exceeded\ntags: [quota, limits]\n---\n",
    )
    .unwrap();
    assert_eq!(e.id, "E1102");
    assert_eq!(e.keywords, ["E1102", "quota", "limits"]);
    let e = parse(
        "errors/y.md",
        "---\nid: quota\ncode: E1102\ntitle: Quota\n---\n",
    )
    .unwrap();
    assert_eq!(e.id, "quota");
}

/// The headings and steps of each section of `body` (title from `# T`).
fn sections_of(body: &str) -> Vec<(String, Vec<String>)> {
    parse("e.md", &format!("# T\n\nIntro.\n\n{body}"))
        .unwrap()
        .sections
        .into_iter()
        .map(|s| (s.heading, s.steps))
        .collect()
}

#[test]
fn causes_written_as_h3_headings_are_sections() {
    let s =
        sections_of("### Too many jobs\n\n1. Lower -j.\n\n### Heap too small\n\n1. Raise -Xmx.\n");
    let headings: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headings, ["", "Too many jobs", "Heap too small"]);
    assert_eq!(s[2].1, ["Raise -Xmx."]);
}

#[test]
fn a_heading_with_nothing_of_its_own_groups_its_subheadings_as_sections() {
    let s = sections_of(
        "## Causes\n\n### The network\n\n1. Mock it.\n\n### The runner\n\n1. Use a bigger one.\n\n## Background\n\nWhy.\n",
    );
    let headings: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headings, ["", "The network", "The runner", "Background"]);
    assert_eq!(s[1].1, ["Mock it."]);
}

#[test]
fn a_cause_keeps_its_own_subheadings_and_their_steps() {
    let s = sections_of(
        "## Cause A\n\nThe disk is full.\n\n### Fix\n\n1. Expand it.\n\n## Cause B\n\nThe key expired.\n\n### Fix\n\n1. Renew it.\n",
    );
    let headings: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headings, ["", "Cause A", "Cause B"]);
    assert_eq!(s[1].1, ["Expand it."]);
    assert_eq!(s[2].1, ["Renew it."]);
}
