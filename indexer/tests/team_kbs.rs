//! The shapes team knowledge bases come in besides docs sites, each read
//! as its readers see it: a single-file FAQ (one entry per question), a
//! GitBook space exported to markdown, an Obsidian vault.

use indexer::content::{self, ContentError, LinkMap};
use indexer::model::Entry;

fn parse(path: &str, text: &str) -> Result<Entry, ContentError> {
    content::parse_entry(path, text, &LinkMap::default())
}

/// The content of a folder of these (path, markdown) files.
fn load(files: &[(&str, &str)]) -> content::Content {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    content::load_folder(dir.path()).unwrap()
}

/// The first hit's id for `query` over `c`.
fn first_hit(c: &content::Content, query: &str) -> String {
    let bundle = indexer::index_build::build_bundle(&c.entries, &c.synonyms).unwrap();
    let engine = indexer::Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap();
    let hits = engine
        .search(query, &indexer::SearchOptions::default())
        .hits;
    hits[0].id.clone()
}

/// A tldr-pages page: the command's name as its title, what it does, one
/// example and its code.
fn command_page<'a>(name: &'a str, about: &str, example: &str, code: &str) -> (&'a str, String) {
    (
        name,
        format!("# {name}\n\n> {about}\n\n- {example}:\n\n`{code}`\n"),
    )
}

/// The content of a folder of these command pages.
fn load_pages(pages: &[(&str, String)]) -> content::Content {
    let files: Vec<(String, &str)> = pages
        .iter()
        .map(|(name, text)| (format!("{name}.md"), text.as_str()))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    load(&files)
}

/// A team's single-file FAQ (`## How do I …?` after `## Why …?`) was one
/// entry whose questions were its "causes": a search showed one card for
/// the whole file. Each question is an entry of its own now, under its
/// group heading, and the file's page lists them.
#[test]
fn a_page_of_questions_is_one_entry_per_question() {
    let c = load(&[
        (
            "faq.md",
            "# Frequently asked questions\n\nAnswers to common questions.\n\n## Accounts\n\n### How do I reset my password?\n\n1. Open **Settings**.\n2. Click *Reset*.\n\n### Can I change my email address?\n\nYes, under **Profile**.\n\n## Uploads\n\n### Why is the upload slow?\n\nLarge files take time; see [resetting](#how-do-i-reset-my-password).\n\n#### On mobile\n\nUse Wi-Fi.\n\n### Can I export my data?\n\nYes: `export --all`.\n",
        ),
        (
            "disk-full.md",
            "# The disk is full\n\n## Old logs fill it\n\nRotate them.\n\n## Is it the cache?\n\nClear it.\n\n## A core dump\n\nDelete it.\n",
        ),
        (
            "other.md",
            "# Other\n\nSee [slow uploads](faq.md#why-is-the-upload-slow).\n",
        ),
        (
            "guide.md",
            "# Snapshots\n\nIntro.\n\n## Best practices\n\nKeep them small.\n\n## Should snapshots be committed?\n\nYes; see [the practices](#best-practices).\n\n## Are they written on CI?\n\nNo.\n\n## Do they replace unit tests?\n\nNo.\n",
        ),
    ]);
    let ids: Vec<&str> = c.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "disk-full",
            "faq",
            "faq-how-do-i-reset-my-password",
            "faq-can-i-change-my-email-address",
            "faq-why-is-the-upload-slow",
            "faq-can-i-export-my-data",
            "guide",
            "guide-should-snapshots-be-committed",
            "guide-are-they-written-on-ci",
            "guide-do-they-replace-unit-tests",
            "other"
        ]
    );
    let by_id = |id: &str| c.entries.iter().find(|e| e.id == id).unwrap();
    let reset = by_id("faq-how-do-i-reset-my-password");
    assert_eq!(reset.title, "How do I reset my password?");
    assert_eq!(reset.category, "Accounts");
    assert_eq!(reset.sections.len(), 1);
    assert_eq!(reset.sections[0].steps, ["Open Settings.", "Click Reset."]);
    assert_eq!(
        by_id("faq-can-i-change-my-email-address").category,
        "Accounts"
    );
    let slow = by_id("faq-why-is-the-upload-slow");
    assert_eq!(slow.category, "Uploads");
    assert!(
        slow.html
            .contains("href=\"faq-how-do-i-reset-my-password.html\""),
        "{}",
        slow.html
    );
    assert!(
        slow.html.contains("Use Wi-Fi.") && !slow.html.contains("Uploads"),
        "{}",
        slow.html
    );
    assert!(!by_id("faq-how-do-i-reset-my-password")
        .html
        .contains("Uploads"));
    let page = by_id("faq");
    assert!(
        page.html.contains("Answers to common questions."),
        "{}",
        page.html
    );
    assert!(
        page.html.contains(
            "<li id=\"why-is-the-upload-slow\"><a href=\"faq-why-is-the-upload-slow.html\">"
        ),
        "{}",
        page.html
    );
    assert!(!page.html.contains("Large files"), "{}", page.html);
    // Causes, one of them asked as a question, stay one entry.
    assert_eq!(by_id("disk-full").sections.len(), 3);
    // A section that asks nothing stays on the page, the list where the
    // questions were (Jest's docs: "Best practices", then its FAQ).
    let guide = by_id("guide");
    let headings: Vec<&str> = guide.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["", "Best practices"]);
    let (practices, list) = (
        guide.html.find("Keep them small.").unwrap(),
        guide.html.find("<ul class=\"questions\">").unwrap(),
    );
    assert!(practices < list, "{}", guide.html);
    assert!(by_id("guide-should-snapshots-be-committed")
        .html
        .contains("href=\"guide.html#best-practices\""));
    assert_eq!(
        first_hit(&c, "upload is slow on my phone"),
        "faq-why-is-the-upload-slow"
    );
}

/// A GitBook space exported to markdown showed its hints as plain
/// paragraphs and lost its tabs' titles (every Liquid tag read as
/// nothing): a hint is a callout now, a tab or step reads as its title,
/// an embed as a link; and its numbered steps split by a screenshot
/// (`2\. Choose the file.`, escaped by GitBook) were text, not steps.
/// Regression (tests/kbs/it-helpdesk): a meeting-room FAQ page listed
/// `share screen` and `room booking` in its front matter, so once split
/// the page (intro and keywords) came before its own question for "share
/// screen in the conference room". A page's keyword or error string goes
/// with the question whose text has all its words; the page keeps the rest.
#[test]
fn a_faq_page_s_keywords_go_with_the_question_that_has_them() {
    let c = load(&[(
        "rooms.md",
        "---\nkeywords: [conference room, share screen, sharing key, room booking]\nerrors: [\"Sharing key is invalid\"]\n---\n# Meeting rooms\n\nEvery conference room has a screen and a touch panel.\n\n## How do I share my screen?\n\nType the sharing key shown on the display. If it says `Sharing key is invalid`, wait for a new one.\n\n## How do I book a room?\n\nUse the Room Finder in Outlook.\n\n## How do I report a broken camera?\n\nTap Report an Issue.\n",
    )]);
    let by_id = |id: &str| c.entries.iter().find(|e| e.id == id).unwrap();
    let share = by_id("rooms-how-do-i-share-my-screen");
    assert_eq!(share.keywords, ["share screen", "sharing key"]);
    assert_eq!(share.errors, ["Sharing key is invalid"]);
    // Stemmed: "room booking" names "How do I book a room?".
    assert_eq!(
        by_id("rooms-how-do-i-book-a-room").keywords,
        ["room booking"]
    );
    let page = by_id("rooms");
    assert_eq!(page.keywords, ["conference room"]);
    assert!(page.errors.is_empty());
    assert_eq!(
        first_hit(&c, "share screen in the conference room"),
        "rooms-how-do-i-share-my-screen"
    );
}

#[test]
fn a_gitbook_page_reads_its_hints_tabs_and_embeds() {
    let e = parse(
        "install.md",
        "# Install\n\n{% hint style=\"warning\" %}\nBack up **first**.\n\n```\n{% endhint %}\n```\n{% endhint %}\n\n{% tabs %}\n{% tab title=\"Windows\" %}\nRun `setup.exe`.\n{% endtab %}\n{% tab title=\"Linux\" %}\n{% code title=\"install.sh\" %}\n```sh\n./install.sh\n```\n{% endcode %}\n{% endtab %}\n{% endtabs %}\n\n{% embed url=\"https://example.com/video\" %}\n\n{% hint style=\"info\" %}\nnever closed\n\n## Import\n\n1. Click **Import**.\n\n![Step 1](import.png)\n\n2\\. Choose the file.\n\n3\\. Click **Next**.\n",
    )
    .unwrap();
    let text = &e.sections[0].text;
    assert!(text.contains("Windows") && text.contains("Linux"), "{text}");
    // (Its text holds its code too: the fenced `{% endhint %}`.)
    for gone in ["endtab", "tabs", "hint style", "code title", "embed"] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    assert_eq!(
        e.sections[0].code,
        ["{% endhint %}", "setup.exe", "./install.sh"]
    );
    assert!(e.html.contains("markdown-alert-warning"), "{}", e.html);
    assert_eq!(e.html.matches("<blockquote").count(), 1, "{}", e.html);
    assert!(e.html.contains("<strong>Windows</strong>"), "{}", e.html);
    assert!(
        e.html.contains("href=\"https://example.com/video\""),
        "{}",
        e.html
    );
    // GitBook escapes a step an image split from its list: a step again.
    assert_eq!(
        e.sections[1].steps,
        ["Click Import.", "Choose the file.", "Click Next."]
    );
}

/// An Obsidian vault, as a team keeps one: file names with spaces (pages
/// were `Disk%20full.html`), callouts with titles or folds
/// (`> [!tip] Quick check`, `> [!faq]-`, shown as quotes with their
/// markers) and wikilinks (`[[Log rotation#Steps|the steps]]`, shown as
/// written) build as the vault shows them.
#[test]
fn an_obsidian_vault_reads_its_callouts_and_wikilinks() {
    let c = load(&[
        (
            "Disk full.md",
            "---\ntags: [storage]\naliases: [No space left]\n---\n# Disk full\n\n> [!tip] Quick check\n> Run `df -h`.\n\n> [!faq]- Why does it happen?\n> Logs grow.\n\nSee [[Log rotation]], [[log rotation#Two steps|the steps]], [[Not written yet]] and [[#Quick]]. ![[diagram.png]]\n\n`[[kept]]`\n",
        ),
        (
            "ops/Log rotation.md",
            "# Log rotation\n\n## Two steps\n\n1. Edit `/etc/logrotate.conf`.\n",
        ),
    ]);
    let disk = c.entries.iter().find(|e| e.title == "Disk full").unwrap();
    assert_eq!(disk.id, "Disk-full");
    let html = &disk.html;
    assert!(
        html.contains("markdown-alert-tip") && html.contains("<strong>Quick check</strong>"),
        "{html}"
    );
    assert!(
        html.contains("markdown-alert-note")
            && html.contains("<strong>Why does it happen?</strong>"),
        "{html}"
    );
    assert!(!html.contains("[!"), "{html}");
    assert!(html.contains("<a href=\"Log-rotation.html\""), "{html}");
    assert!(
        html.contains("<a href=\"Log-rotation.html#two-steps\""),
        "{html}"
    );
    assert!(
        html.contains(" [[Not written yet]] ") && !html.contains("diagram"),
        "{html}"
    );
    assert!(html.contains("<code>[[kept]]</code>"), "{html}");
    let log = c
        .entries
        .iter()
        .find(|e| e.title == "Log rotation")
        .unwrap();
    assert_eq!(log.sections[0].anchor, "two-steps");
}

/// Hugo's own FAQ is a definition list (`Why is a given page not
/// published?` then `: In the content file …`), which was one entry; three
/// or more such questions read as headed ones, so each is an entry, and a
/// pasted error finds its answer.
#[test]
fn a_faq_written_as_a_definition_list_is_one_entry_per_question() {
    let c = load(&[("faq.md", "---\ntitle: Frequently asked questions\n---\n\nAn error message says a feature is not available. Why?\n: Hugo throws this error:\n\n  ```text\n  this feature is not available in this edition of Hugo\n  ```\n\n  Install the extended edition.\n\nWhy is a given page not published?\n: Is `draft` set to `true`?\n\nWhy do I see \"Page Not Found\" on the home page?\n: There is no `_index.md`.\n\nTerm\n: A definition that stays one.\n")]);
    let titles: Vec<&str> = c.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Frequently asked questions",
            "An error message says a feature is not available. Why?",
            "Why is a given page not published?",
            "Why do I see \"Page Not Found\" on the home page?",
        ]
    );
    let error = &c.entries[1];
    assert_eq!(
        error.sections[0].code,
        ["this feature is not available in this edition of Hugo"]
    );
    assert!(error.sections[0]
        .text
        .contains("Install the extended edition."));
    assert_eq!(
        first_hit(
            &c,
            "Error: this feature is not available in this edition of Hugo"
        ),
        error.id
    );
}

/// A FAQ whose questions are bold lines (`**Q: How do I …?**`) was one
/// entry; three or more read as headed questions, one entry each.
#[test]
fn a_faq_of_bold_questions_is_one_entry_per_question() {
    let c = load(&[("faq.md", "# FAQ\n\n**Q: How do I reset my password?**\n\n1. Open **Settings**.\n2. Click *Reset*.\n\n**Why is the upload slow?**\n\nLarge files.\n\n**Can I export my data?**\n\nYes.\n\n**Note:** answers are short.\n")]);
    let titles: Vec<&str> = c.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "FAQ",
            "How do I reset my password?",
            "Why is the upload slow?",
            "Can I export my data?"
        ]
    );
    assert_eq!(
        c.entries[1].sections[0].steps,
        ["Open Settings.", "Click Reset."]
    );
}

/// Regression: on tldr-pages (7,400 command pages named after their
/// commands), "how do I find which process listens on port 8080" showed
/// the `which` and `do` pages first, and "what is using my disk space" the
/// `whatis` page: a typed sentence's grammar words matched pages whose
/// whole id they are, and `what is` was read as the compound `whatis`.
/// They still find their page when they are all the query says.
#[test]
fn a_command_reference_is_not_found_by_the_grammar_of_a_question() {
    let pages = [
        command_page(
            "which",
            "Locate a program in the user's path",
            "Search the PATH for an executable",
            "which {{executable}}",
        ),
        command_page(
            "do",
            "Shell keyword that starts the body of a loop",
            "Run a command for each file",
            "for f in *; do {{command}}; done",
        ),
        command_page(
            "whatis",
            "Display one-line descriptions from manual pages",
            "Describe a command",
            "whatis {{command}}",
        ),
        command_page(
            "lsof",
            "Lists open files and the processes that use them",
            "Find the process listening on a port",
            "lsof -i :{{port}}",
        ),
        command_page(
            "du",
            "Disk usage: estimate and summarize file and directory space usage",
            "List the sizes of a directory",
            "du -h {{path}}",
        ),
    ];
    let c = load_pages(&pages);
    assert_eq!(
        first_hit(&c, "how do I find which process listens on port 8080"),
        "lsof"
    );
    assert_eq!(first_hit(&c, "what is using my disk space"), "du");
    assert_eq!(first_hit(&c, "which"), "which");
    assert_eq!(first_hit(&c, "whatis"), "whatis");
}

/// Regression: on tldr-pages, "change the owner of a file" showed the
/// `file` page first, and "create a symbolic link" the `link` page: pages
/// named after words the knowledge base writes in the prose of many
/// pages, matched by their id, which counted twenty times a title word.
/// Such a word in a sentence now counts as a title word; alone, it still
/// names its page.
#[test]
fn a_command_page_named_after_an_ordinary_word_does_not_outrank_the_answer() {
    let pages = [
        command_page(
            "chown",
            "Change the user and group ownership of files and directories",
            "Change the owner user of a file or directory",
            "chown {{user}} {{path/to/file}}",
        ),
        command_page(
            "file",
            "Determine the type of a file",
            "Describe the contents of a file",
            "file {{path/to/file}}",
        ),
        command_page(
            "ln",
            "Create links to files and directories",
            "Create a symbolic link to a file or directory",
            "ln -s {{path/to/file}} {{path/to/link}}",
        ),
        command_page(
            "link",
            "Create a hard link to an existing file",
            "Create a hard link from a new file to an existing file",
            "link {{path/to/existing_file}} {{path/to/new_file}}",
        ),
        command_page(
            "readlink",
            "Follow symlinks and get symlink information",
            "Get the actual file to which the symlink points",
            "readlink {{path/to/file}}",
        ),
        command_page(
            "unlink",
            "Remove a link to a file from the filesystem",
            "Remove the specified file if it is the last link",
            "unlink {{path/to/file}}",
        ),
    ];
    let c = load_pages(&pages);
    assert_eq!(first_hit(&c, "change the owner of a file"), "chown");
    assert_eq!(first_hit(&c, "create a symbolic link"), "ln");
    assert_eq!(first_hit(&c, "file"), "file");
    assert_eq!(first_hit(&c, "link"), "link");
}
