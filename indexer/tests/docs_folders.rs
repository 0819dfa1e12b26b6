//! Docs folders of other tools build as they are: each tool's markup
//! (Sphinx's MyST, Hugo's shortcodes, Jekyll's Liquid and kramdown,
//! MkDocs' and VitePress' containers, MDX's imports and components) reads
//! as the text, code and callouts it shows, never as markers on a card.

use indexer::content::{self, ContentError, LinkMap};
use indexer::model::Entry;

fn parse(path: &str, text: &str) -> Result<Entry, ContentError> {
    content::parse_entry(path, text, &LinkMap::default())
}

/// Regression: a Sphinx page written in MyST failed with "entry has no
/// title" (a `(label)=` line comes before its `#`), and its directives
/// were code: a `{note}` read as an error string the entry quotes, a
/// `{toctree}`'s page names too.
#[test]
fn a_myst_page_reads_as_its_text_and_callouts() {
    let e = parse(
        "topics/https-certificates.md",
        "(ssl-verification)=\n\n# HTTPS Certificates\n\n```{versionadded} 1.3\n```\n\nSee {ref}`the guide <install>`.\n\n```{note}\n:class: tip\nUse {command}`pip config`.\n```\n\n```{toctree}\n:hidden:\n\ncli\n```\n\n## Store\n\n```{code-block} console\n$ pip install --cert ca.pem x\n```\n",
    )
    .unwrap();
    assert_eq!(e.title, "HTTPS Certificates");
    let intro = &e.sections[0];
    assert!(intro.text.contains("See the guide."), "{}", intro.text);
    assert!(
        !intro.text.contains("ssl-verification") && !intro.text.contains("cli"),
        "{}",
        intro.text
    );
    assert_eq!(intro.code, ["pip config"]);
    assert_eq!(e.sections[1].code, ["$ pip install --cert ca.pem x"]);
    assert!(e.html.contains("<p class=\"callout-label\">Note</p>"));
    assert!(e.html.contains("New in version 1.3"));
}

/// Regression: a Hugo page showed its shortcodes as text on cards
/// (`{{< note >}}`, `{{< glossary_tooltip … >}}`).
#[test]
fn a_hugo_page_reads_its_shortcodes() {
    let e = parse(
        "pods.md",
        "+++\ntitle = \"Pods\"\n+++\n\nA {{< glossary_tooltip text=\"Pod\" term_id=\"pod\" >}} runs.\n\n{{% alert title=\"Heads up\" color=\"warning\" %}}\nDrain the `node` first.\n{{% /alert %}}\n\n```\n{{< note >}}\n```\n\n{{< note >}}\nnever closed\n",
    )
    .unwrap();
    let text = &e.sections[0].text;
    assert!(text.starts_with("A Pod runs."), "{text}");
    assert!(
        !text.contains("alert") && !text.contains("glossary"),
        "{text}"
    );
    assert!(
        e.html
            .contains("<blockquote class=\"markdown-alert-warning\">"),
        "{}",
        e.html
    );
    assert!(e.html.contains("Heads up"));
    assert_eq!(
        e.sections[0].code,
        ["node", "{{< note >}}"],
        "code is as written"
    );
    assert!(
        text.contains("never closed"),
        "an unclosed one is only text"
    );
}

/// A Jekyll (Just the Docs) page: its highlight block is code, its
/// attribute line makes a callout, and Liquid tags never reach a card.
#[test]
fn a_jekyll_page_reads_its_liquid_and_attribute_lines() {
    let e = parse(
        "deploy.md",
        "---\ntitle: Deploy\nnav_order: 2\n---\n\n{: .warning }\nBack up the `db` first.\n\n{% include toc.html %}\n\n{% highlight shell %}\n$ cap deploy\n```\n{% endhighlight %}\n\nDone.\n{: .fs-6 }\n",
    )
    .unwrap();
    let text = &e.sections[0].text;
    assert!(!text.contains("{%") && !text.contains("{:"), "{text}");
    assert!(
        e.html
            .contains("<blockquote class=\"markdown-alert-warning\">"),
        "{}",
        e.html
    );
    assert_eq!(e.sections[0].code, ["db", "$ cap deploy\n```"]);
}

/// Regression: every page of Hugo's own docs warned "unknown front matter
/// key `categories`". One category there is the entry's; more (or none)
/// Regression: Jekyll and Eleventy pages (Just the Docs, ESLint's docs)
/// showed `{% raw %}` and `{% endraw %}` in their code, and Just the Docs'
/// test page was code to its end: its fence closes as `{% endraw %}````,
/// which Liquid, run before markdown, makes a plain fence. A raw block in
/// a highlight block hides that block's end tag.
#[test]
fn liquid_raw_blocks_in_code_read_as_liquid_leaves_them() {
    let e = parse(
        "test.md",
        "# Test\n\n```js\n{% raw %}\nreport({ message: \"{{ id }}\" });\n{% endraw %}```\n\n## After the code\n\nText.\n\n{% highlight yaml %}\n{% raw %}{% highlight ruby %}\nx\n{% endhighlight %}{% endraw %}\n{% endhighlight %}\n",
    )
    .unwrap();
    assert!(!e.html.contains("raw %}"), "{}", e.html);
    assert!(
        e.html.contains("report({ message: \"{{ id }}\" });"),
        "{}",
        e.html
    );
    let headings: Vec<&str> = e.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["", "After the code"]);
    assert!(
        e.html
            .contains("{% highlight ruby %}\nx\n{% endhighlight %}\n</code>"),
        "{}",
        e.html
    );
}

/// are the site's taxonomy, left quietly.
#[test]
fn a_single_hugo_or_jekyll_category_is_the_entry_s() {
    let read = |fm: &str| {
        content::parse_entry_with_warnings(
            "net/e.md",
            &format!("---\ntitle: T\n{fm}---\n"),
            &LinkMap::default(),
        )
        .unwrap()
    };
    let (e, warnings) = read("categories: [Networking]\n");
    assert_eq!((e.category.as_str(), warnings.len()), ("Networking", 0));
    let (e, warnings) = read("categories: [a, b]\n");
    assert_eq!((e.category.as_str(), warnings.len()), ("Net", 0));
    let (e, _) = read("category: Disks\ncategories: [Networking]\n");
    assert_eq!(e.category, "Disks");
}

/// Regression: the readers of other tools' markup ran inside inline code
/// too, so `'{:>10}'.format(x)` lost its `{:>10}` and `{% endfor %}`
/// vanished from an entry's code.
#[test]
fn inline_code_keeps_other_tools_markup_as_written() {
    let e = parse(
        "format.md",
        "# Format\n\nUse `'{:>10}'.format(x)` or ``{% endfor %}`` or `{{< note >}}`, not {% endfor %}.\n",
    )
    .unwrap();
    assert_eq!(
        e.sections[0].code,
        ["'{:>10}'.format(x)", "{% endfor %}", "{{< note >}}"]
    );
    assert!(
        e.sections[0].text.contains(", not ."),
        "{}",
        e.sections[0].text
    );
}

/// Regression: VitePress' `::: code-group` after a paragraph read as a
/// definition list (`:: code-group` as the paragraph's definition) and its
/// closing `:::` as text; `::: details Title` likewise.
#[test]
fn vitepress_containers_read_as_callouts_or_as_their_body() {
    let e = parse(
        "getting-started.md",
        "# Getting started\n\nInstall it with:\n\n::: code-group\n\n```sh [npm]\nnpm add -D vitepress\n```\n\n```sh [pnpm]\npnpm add -D vitepress\n```\n\n:::\n\n::: details Example `_headers` file\nCache it.\n:::\n\n:::: info Outer\n::: warning\nInner.\n:::\nOuter again.\n::::\n\n[[toc]]\n\n<<< @/snippets/init.ansi\n",
    )
    .unwrap();
    assert!(
        !e.html.contains(":::") && !e.html.contains("<dl>"),
        "{}",
        e.html
    );
    assert!(
        !e.html.contains("toc]]") && !e.html.contains("&lt;&lt;&lt;"),
        "{}",
        e.html
    );
    let text = &e.sections[0].text;
    assert!(text.contains("Install it with:"), "{text}");
    assert!(
        text.contains("Example _headers file") || text.contains("Example"),
        "{text}"
    );
    assert_eq!(
        e.sections[0].code,
        ["npm add -D vitepress", "pnpm add -D vitepress", "_headers"]
    );
    // The warning sits inside the info callout, which goes on after it.
    let info = e.html.find("markdown-alert-note").unwrap();
    let warning = e.html.find("markdown-alert-warning").unwrap();
    let outer = e.html.find("Outer again.").unwrap();
    assert!(info < warning && warning < outer, "{}", e.html);
    assert_eq!(e.html.matches("</blockquote>").count(), 2, "{}", e.html);
}

/// Regression: a callout's body was read line by line as text, so code in
/// it lost other tools' markup (`{{< ref >}}`, `{: .x }`) and a callout or
/// content tab inside another stayed as written.
#[test]
fn a_callout_s_body_is_read_as_markdown_code_and_nested_blocks_included() {
    let e = parse(
        "nested.md",
        "# Nested\n\n:::tip\n```\n{{< ref \"x\" >}}\n{: .warning }\n```\n:::\n\n!!! note \"Setup\"\n    === \"Linux\"\n\n        ``` sh\n        apt install x\n        ```\n\n    !!! warning\n        Reboot after.\n\nAfter.\n",
    )
    .unwrap();
    assert_eq!(
        e.sections[0].code,
        ["{{< ref \"x\" >}}\n{: .warning }", "apt install x"]
    );
    assert!(
        !e.html.contains("===") && !e.html.contains("!!!"),
        "{}",
        e.html
    );
    assert!(e.html.contains("<strong>Linux</strong>"), "{}", e.html);
    assert_eq!(e.html.matches("<blockquote").count(), 3, "{}", e.html);
    let text = &e.sections[0].text;
    assert!(
        text.contains("Reboot after.") && text.ends_with("After."),
        "{text}"
    );
}

/// Regression: MDX pages (Docusaurus, Starlight) were skipped; read as
/// markdown they would show their imports and keep the markdown between
/// component tags as raw HTML. Imports, comments and tags read as nothing
/// (a tab's label stays), callout components are callouts, and code keeps
/// all of it as written.
#[test]
fn an_mdx_page_reads_as_the_markdown_it_holds() {
    let e = parse(
        "getting-started.mdx",
        "---\ntitle: Getting started\n---\n\nimport { Tabs, TabItem } from '@astrojs/starlight/components';\nimport {\n  Aside,\n} from './x';\n\n{/* A note to authors:\n   keep this short. */}\n\n<Tabs syncKey=\"pkg\">\n<TabItem label=\"npm\">\n\n```sh\nnpm create astro\nimport x\n<Tabs>\n```\n\n</TabItem>\n<TabItem label=\"pnpm\">\nRun `pnpm create astro`.\n</TabItem>\n</Tabs>\n\n<Aside type=\"caution\" title=\"Before you start\">\nStop the **dev server**.\n</Aside>\n\n<Card\n  title=\"Stars\"\n  icon={icons.star}\n>\nA card.\n</Card>\n\nUpdated {await updatedAt()}.\n\n<Aside>never closed\n",
    )
    .unwrap();
    let text = &e.sections[0].text;
    // (The section's text holds its code too: `import x`, `<Tabs>`.)
    for gone in [
        "from", "Aside", "authors", "TabItem", "syncKey", "icons", "await",
    ] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    assert!(
        text.contains("npm") && text.contains("pnpm") && text.contains("Stars"),
        "{text}"
    );
    assert!(text.contains("A card."), "{text}");
    assert_eq!(
        e.sections[0].code,
        ["npm create astro\nimport x\n<Tabs>", "pnpm create astro"]
    );
    assert!(e.html.contains("markdown-alert-caution"), "{}", e.html);
    assert!(e.html.contains("<strong>dev server</strong>"), "{}", e.html);
    assert!(e.html.contains("Before you start"), "{}", e.html);
}

/// Regression: GitBook names a heading with an empty anchor inside it
/// (`## 3. Import Data <a href="#import-data" id="import-data"></a>`, as
/// older READMEs do with `<a name="…">`); the section was anchored at
/// `3-import-data`, so the page's own `#import-data` links went nowhere,
/// and the heading kept an empty link.
#[test]
fn an_anchor_inside_a_heading_names_its_section() {
    let e = parse(
        "data.md",
        "# Data\n\nSee [import](#import-data).\n\n## 3. Import Data <a href=\"#import-data\" id=\"import-data\"></a>\n\nClick Import.\n\n## <a name=\"export\"></a>Export {#out}\n\nClick Export.\n",
    )
    .unwrap();
    let anchors: Vec<&str> = e.sections.iter().map(|s| s.anchor.as_str()).collect();
    assert_eq!(anchors, ["", "import-data", "out"]);
    assert_eq!(e.sections[1].heading, "3. Import Data");
    assert!(
        e.html
            .contains("<h2 id=\"import-data\">3. Import Data </h2>"),
        "{}",
        e.html
    );
    assert_eq!(
        e.html.matches("<a ").count(),
        1,
        "only the body's link: {}",
        e.html
    );
}

/// Regression: Docusaurus reads every `.md` page as MDX, and Jest's docs
/// showed `import TOCInline from '@theme/TOCInline';` on their pages. A
/// `.md` body with an ES module import on a line of its own is read as
/// MDX; prose that starts with "import" is not.
#[test]
fn a_markdown_page_with_an_import_reads_as_mdx() {
    let e = parse(
        "expect.md",
        "# Expect\n\nimport TOCInline from '@theme/TOCInline';\n\n<TOCInline toc={toc.slice(1)} />\n\nCompare {values}.\n\n```js\nimport {expect} from '@jest/globals';\n```\n",
    )
    .unwrap();
    let text = &e.sections[0].text;
    assert!(
        !text.contains("TOCInline") && !text.contains("theme"),
        "{text}"
    );
    assert!(text.contains("Compare ."), "{text}");
    assert_eq!(
        e.sections[0].code,
        ["import {expect} from '@jest/globals';"]
    );
    let prose = parse("p.md", "# P\n\nimport errors come from {paths}.\n").unwrap();
    assert!(
        prose.sections[0].text.contains("{paths}"),
        "{}",
        prose.sections[0].text
    );
}

/// Regression: the readers of other tools' markup ran inside indented
/// code blocks (`'{:>10}'.format(x)` lost its `{:>10}`, `{{< note >}}`
/// became a callout's start), and a line such as `    ``` c` inside an
/// example closed the example's fence early (MkDocs Material's content
/// tabs page showed an example's `=== "C++"` as a tab).
#[test]
fn indented_code_and_examples_keep_other_tools_markup() {
    let e = parse(
        "format.md",
        "# Format\n\nPython:\n\n    print('{:>10}'.format(x))\n    {% raw %}\n\nA list:\n\n- item\n\n    more about {% raw %}the item\n\n``` markdown\n=== \"C\"\n\n    ``` c\n    int x;\n\n=== \"C++\"\n```\n",
    )
    .unwrap();
    let code = &e.sections[0].code;
    assert!(
        code.contains(&"print('{:>10}'.format(x))\n{% raw %}".to_string()),
        "{code:?}"
    );
    assert!(
        code.iter().any(|c| c.contains("=== \"C++\"")),
        "the example stays code: {code:?}"
    );
    let text = &e.sections[0].text;
    assert!(text.contains("more about the item"), "{text}");
    assert!(!e.html.contains("<strong>C++</strong>"), "{}", e.html);
}

/// Regression: Starlight indents a component's children under its tag
/// (MDX has no indented code), and the markdown in them read as indented
/// code: a fence eight spaces in showed its backticks.
#[test]
fn an_mdx_component_s_indented_children_read_as_markdown() {
    let e = parse(
        "setup.mdx",
        "# Setup\n\n<Tabs syncKey=\"pkg\">\n    <TabItem label=\"npm\">\n        ```sh\n        npx astro add starlight\n        ```\n\n        Then **restart**.\n    </TabItem>\n</Tabs>\n",
    )
    .unwrap();
    assert_eq!(e.sections[0].code, ["npx astro add starlight"]);
    assert!(e.html.contains("class=\"language-sh\""), "{}", e.html);
    assert!(e.html.contains("<strong>restart</strong>"), "{}", e.html);
}
