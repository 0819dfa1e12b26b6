use super::*;

/// The words of `raw` analysed knowing the KB has the words `known` says.
fn words_knowing(raw: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    analyze_knowing(raw, known)
        .tokens
        .into_iter()
        .map(|t| t.token.text)
        .collect()
}

fn words(raw: &str) -> Vec<String> {
    analyze(raw)
        .tokens
        .into_iter()
        .map(|t| t.token.text)
        .collect()
}

/// The prompt's own words (user, host, folder) are the command's too.
#[test]
fn commands_typed_at_a_prompt_are_marked() {
    let commands = |paste: &str| {
        let a = analyze(paste);
        let words: Vec<&str> = a
            .tokens
            .iter()
            .filter(|t| a.commands.contains(&t.token.position) && t.token.is_part)
            .map(|t| t.token.text.as_str())
            .collect();
        words.join(" ")
    };
    assert_eq!(
        commands("$ aws s3 ls --endpoint-url x\nAn error occurred (AccessDenied)"),
        "aws s3 ls endpoint url x"
    );
    assert_eq!(
        commands("root@edge-3:~# nginx -t\nnginx: [emerg] unknown"),
        "root edge nginx t"
    );
    assert_eq!(
        commands(r"C:\work\app> java -jar app.jar"),
        "c work app java jar app jar"
    );
    assert_eq!(commands("Error: $HOME is not set\n# not a prompt"), "");
}

#[test]
fn urls_in_a_paste_are_noise_not_words() {
    let w = words(r#"Get "https://registry.example.com/v2/": dial tcp 10.0.0.1:443: i/o timeout"#);
    assert!(!w.contains(&"https".to_string()), "{w:?}");
    assert!(!w.contains(&"registry".to_string()), "{w:?}");
    assert!(w.contains(&"timeout".to_string()), "{w:?}");
    // Typed words about https are still words.
    assert!(words("force https for my endpoint").contains(&"https".to_string()));
    // A server's own address says which port it listens on: it stays.
    assert!(words("Running on http://0.0.0.0:8000").contains(&"8000".to_string()));
}

#[test]
fn a_hex_code_the_knowledge_base_documents_is_kept_and_other_ids_are_not() {
    let line = "Send/Receive error (0x800CCC0F) for message 5ff76448fd";
    let kept = words_knowing(line, &|w| w == "0x800ccc0f");
    assert!(kept.contains(&"0x800ccc0f".to_string()), "{kept:?}");
    assert!(!kept.contains(&"5ff76448fd".to_string()), "{kept:?}");
    assert!(!words(line).contains(&"0x800ccc0f".to_string()));
}

/// A Postgres paste quoting `'2025-02-30'::date` showed the entry's
/// intro, not the cause that quotes that impossible date: the date was
/// blanked as the log's time.
#[test]
fn a_date_the_knowledge_base_documents_is_kept_and_the_log_time_is_not() {
    let line = "2026-12-02 07:20:59 ERROR:  date/time field value out of range: \"2025-02-30\"";
    let kept = words_knowing(line, &|w| w == "20250230");
    assert!(kept.contains(&"20250230".to_string()), "{kept:?}");
    assert!(!kept.contains(&"20261202".to_string()), "{kept:?}");
    assert!(!words(line).contains(&"20250230".to_string()));
}

#[test]
fn timestamps_and_times_are_dropped() {
    let w = words("[2024-10-21 20:59:33] time=\"2024-10-21T12:59:35Z\" level=info");
    assert!(
        !w.iter().any(|t| t.chars().all(|c| c.is_ascii_digit())),
        "{w:?}"
    );
    assert!(w.contains(&"level".to_string()));
}

#[test]
fn pod_suffixes_are_dropped_but_the_name_is_kept() {
    let w = words("Instance <network-test-5ff76448fd-h9dsn> not healthy");
    assert_eq!(
        w,
        [
            "instance",
            "network",
            "test",
            "networktest",
            "not",
            "healthy"
        ]
    );
}

#[test]
fn numbers_after_code_are_kept_and_other_small_numbers_dropped() {
    let w = words("IoError(Os { code: 28, kind: StorageFull }) at line 12");
    assert!(w.contains(&"28".to_string()));
    assert!(!w.contains(&"12".to_string()));
}

/// The bug: nginx's `failed (13: Permission denied) while connecting to
/// upstream`, tied by its author to one cause, never matched, because
/// the paste's `13` was dropped as a small number.
#[test]
fn an_errno_before_its_own_message_is_kept_with_its_name() {
    let w = words("connect() to unix:/run/php.sock failed (13: Permission denied) at 12: done");
    assert!(w.contains(&"13".to_string()), "{w:?}");
    assert!(w.contains(&"eacces".to_string()), "{w:?}");
    assert!(!w.contains(&"12".to_string()), "{w:?}");
}

/// Found by the content fuzz test: an entry with `id: 0` could not be
/// found by searching `0`, because every small number was dropped.
#[test]
fn a_query_of_only_small_numbers_keeps_them() {
    assert_eq!(words("0"), ["0"]);
    assert_eq!(words("12 7"), ["12", "7"]);
    assert!(!words("step 12").contains(&"12".to_string()));
}

#[test]
fn ip_addresses_yield_only_their_joined_form() {
    let w = words("dial tcp 10.0.3.17:443: i/o timeout");
    assert!(w.contains(&"100317".to_string()));
    assert!(w.contains(&"443".to_string()));
    assert!(!w.contains(&"10".to_string()));
}

#[test]
fn compiler_source_excerpts_are_dropped_but_labels_kept() {
    let paste = "error[E0382]: borrow of moved value: `v`\n --> src/main.rs:4:20\n  |\n3 |     let w = v;\n  |             - value moved here\n4 |     println!(\"{:?}\", v);\n  |                    ^ value borrowed here after move";
    let w = words(paste);
    assert!(w.contains(&"e0382".to_string()));
    assert!(w.contains(&"moved".to_string()));
    assert!(!w.contains(&"println".to_string()), "{w:?}");
    assert!(!w.contains(&"rs".to_string()), "{w:?}");
}

#[test]
fn python_frames_and_their_source_lines_are_dropped() {
    let paste = "Traceback (most recent call last):\n  File \"/app/main.py\", line 9, in <module>\n    run_everything()\n  File \"/app/x.py\", line 3, in load\n    import torchvision\nModuleNotFoundError: No module named 'torchvision'";
    let w = words(paste);
    assert!(w.contains(&"modulenotfounderror".to_string()));
    assert!(!w
        .iter()
        .any(|t| t == "main" || t == "run_everything" || t == "load"));
}

/// Regression: `PermissionError: [Errno 13] Permission denied` under
/// `self.socket.bind(...)` showed pip's cause, not the port's: the
/// line that raised is kept, at a hint's weight.
#[test]
fn the_line_a_traceback_raised_at_is_kept_as_a_hint() {
    let paste = "Traceback (most recent call last):\n  File \"/app/serve.py\", line 4, in <module>\n    start()\n  File \"/usr/lib/python3.11/socketserver.py\", line 472, in server_bind\n    self.socket.bind(self.server_address)\n    ^^^^^^^^^^^^^^^^\nPermissionError: [Errno 13] Permission denied";
    let a = analyze(paste);
    let weight = |s: &str| {
        a.tokens
            .iter()
            .find(|t| t.token.text == s)
            .map(|t| t.weight)
    };
    assert_eq!(weight("bind"), Some(RAISING_SOURCE_WEIGHT));
    assert_eq!(weight("start"), None, "an earlier frame's line is dropped");
    assert_eq!(weight("permissionerror"), Some(1.0));
}

/// Regression: a typed question of 26 words ("my ACR personal edition
/// repo is in cn-shanghai and …") counted as a paste, by its function
/// words and joined forms, and lost its short forms and typo fixes.
#[test]
fn a_long_typed_question_is_not_a_paste_but_a_long_line_or_log_is() {
    let question = "my ACR personal edition repo is in cn-shanghai and the EAS service is in cn-beijing, should the image address be the internal or the public one?";
    let a = analyze(question);
    assert!(a.tokens.len() > LONG_QUERY_TOKENS, "{}", a.tokens.len());
    assert!(!a.long);
    let line = "worker pool shard replica leader follower quorum election timeout heartbeat lease snapshot compaction segment offset partition topic consumer producer broker cluster controller metadata fetch commit";
    assert!(analyze(line).long);
    let log = "Normal Pulling pulling image registry example latest\nWarning Failed back off pulling image registry example again\nWarning Failed failed to pull image registry example: lookup registry: no such host";
    let a = analyze(log);
    assert!(a.tokens.len() > LONG_QUERY_TOKENS, "{}", a.tokens.len());
    assert!(a.long);
}

#[test]
fn ansi_colours_and_control_characters_are_removed() {
    let w = words("\u{1b}[31merror\u{1b}[0m: bad\u{0}thing");
    assert_eq!(w, ["error", "bad", "thing"]);
}

#[test]
fn huge_pastes_are_cut_and_flagged() {
    let big = "word ".repeat(MAX_QUERY_BYTES);
    let shown = searched_part(&format!("{big}tail words")).unwrap();
    assert!(shown.len() < MAX_QUERY_BYTES + 16, "{}", shown.len());
    assert_eq!(
        analyze(&shown)
            .tokens
            .iter()
            .map(|t| t.token.text.clone())
            .collect::<Vec<_>>(),
        analyze(&format!("{big}tail words"))
            .tokens
            .iter()
            .map(|t| t.token.text.clone())
            .collect::<Vec<_>>(),
        "the part shown searches like the whole paste"
    );
    assert_eq!(searched_part("short"), None);
    let a = analyze(&big);
    assert!(a.truncated);
    assert!(a.tokens.len() < MAX_QUERY_BYTES / 4);
}

#[test]
fn error_lines_weigh_more_than_noise_lines_in_long_pastes() {
    let a = analyze(
        "Compiling foo\nDownloading bar\nerror: thing broke\nerror: second failure\nFinished baz",
    );
    let w = |s: &str| a.tokens.iter().find(|t| t.token.text == s).unwrap().weight;
    assert!(w("broke") > w("downloading"));
    assert!(
        w("broke") > w("second"),
        "the first error outweighs later ones"
    );
    assert!(w("second") > w("downloading"));
}

#[test]
fn errno_numbers_gain_their_symbolic_names() {
    assert!(words("OSError: [Errno 28] No space left on device").contains(&"enospc".to_string()));
    assert!(words("No such file or directory (os error 2)").contains(&"enoent".to_string()));
    assert!(
        words("IoError(Os { code: 13, kind: PermissionDenied })").contains(&"eacces".to_string())
    );
    assert!(
        !words("exit code 2").contains(&"enoent".to_string()),
        "exit codes are not errno"
    );
}

#[test]
fn durations_and_uuids_are_dropped() {
    let w = words("took 250ms id=123e4567-e89b-12d3-a456-426614174000 done");
    assert_eq!(w, ["took", "id", "done"]);
}
