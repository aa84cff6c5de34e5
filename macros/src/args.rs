//! Parsing of `#[activity(...)]`'s arguments: which key, and a value of the right literal kind.
//! What the value means to SWF is checked in `valid.rs`.
//!
//! Values are read token by token rather than as `syn::Expr`, so that no argument, however
//! odd, can make the parser recurse deeply or give up on the arguments after it.

use proc_macro2::{Delimiter, Ident, Punct, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Lit, LitStr};

use crate::ctxt::Ctxt;

/// The arguments as written, each keeping its tokens for error spans.
#[derive(Default)]
pub(crate) struct Args {
    pub(crate) name: Option<Str>,
    pub(crate) version: Option<Str>,
    pub(crate) task_list: Option<Str>,
    pub(crate) description: Option<Str>,
    pub(crate) task_priority: Option<Number>,
    pub(crate) schedule_to_start_timeout: Option<Number>,
    pub(crate) start_to_close_timeout: Option<Number>,
    pub(crate) schedule_to_close_timeout: Option<Number>,
    pub(crate) heartbeat_timeout: Option<Number>,
    pub(crate) krate: Option<syn::Path>,
    /// The data converter: a path to a `const` or `static`.
    pub(crate) converter: Option<syn::Path>,
    /// The handle type's name, when not the function's.
    pub(crate) handle: Option<Ident>,
    /// Keys written, also those whose value was rejected: such a key is not "missing".
    seen: Vec<Key>,
    /// An unknown key that looks like `version` was written.
    version_misspelled: bool,
}

impl Args {
    /// Whether `version` was written at all, also misspelled (then that is the error).
    pub(crate) fn has_version(&self) -> bool {
        self.seen.contains(&Key::Version) || self.version_misspelled
    }
}

/// A string argument: its value and the literal, for spans.
pub(crate) struct Str {
    pub(crate) value: String,
    pub(crate) lit: LitStr,
}

/// A priority or a timeout: the text to check (`"-5"`, `"300"`, `"1h30m"`) and the tokens it
/// came from.
pub(crate) struct Number {
    pub(crate) text: String,
    pub(crate) tokens: TokenStream,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Name,
    Version,
    TaskList,
    Description,
    TaskPriority,
    ScheduleToStartTimeout,
    StartToCloseTimeout,
    ScheduleToCloseTimeout,
    HeartbeatTimeout,
    Converter,
    Handle,
    Crate,
}

/// Every key, in the order the documentation lists them.
const KEYS: [(&str, Key); 12] = [
    ("name", Key::Name),
    ("version", Key::Version),
    ("task_list", Key::TaskList),
    ("description", Key::Description),
    ("task_priority", Key::TaskPriority),
    ("schedule_to_start_timeout", Key::ScheduleToStartTimeout),
    ("start_to_close_timeout", Key::StartToCloseTimeout),
    ("schedule_to_close_timeout", Key::ScheduleToCloseTimeout),
    ("heartbeat_timeout", Key::HeartbeatTimeout),
    ("converter", Key::Converter),
    ("handle", Key::Handle),
    ("crate", Key::Crate),
];

impl Key {
    fn name(self) -> &'static str {
        KEYS.iter()
            .find(|(_, key)| *key == self)
            .map_or("", |(name, _)| name)
    }

    /// The argument written correctly, for messages: `version = "1"`.
    fn example(self) -> &'static str {
        match self {
            Key::Name => r#"name = "ChargeCard""#,
            Key::Version => r#"version = "1""#,
            Key::TaskList => r#"task_list = "payments""#,
            Key::Description => r#"description = "charges a card""#,
            Key::TaskPriority => "task_priority = 10",
            Key::ScheduleToStartTimeout => r#"schedule_to_start_timeout = "5m""#,
            Key::StartToCloseTimeout => r#"start_to_close_timeout = "5m""#,
            Key::ScheduleToCloseTimeout => r#"schedule_to_close_timeout = "5m""#,
            Key::HeartbeatTimeout => r#"heartbeat_timeout = "30s""#,
            Key::Converter => "converter = FLOW",
            Key::Handle => "handle = ChargeCard",
            Key::Crate => r#"crate = "::swf_activity""#,
        }
    }
}

/// Parses the attribute's arguments. Every problem goes into `cx`; parsing goes on with the
/// next argument, so that all of them are reported at once.
pub(crate) fn parse(tokens: TokenStream, cx: &mut Ctxt) -> Args {
    let mut args = Args::default();
    let mut entries = split_on_commas(tokens).into_iter().peekable();
    while let Some((entry, comma)) = entries.next() {
        if entry.is_empty() {
            // A trailing comma is fine; an empty argument between two commas is not.
            if let Some(comma) = comma.filter(|_| entries.peek().is_some()) {
                cx.error_spanned_by(
                    comma,
                    r#"expected an activity argument before this comma, such as `version = "1"`"#,
                );
            }
            continue;
        }
        parse_entry(entry, &mut args, cx);
    }
    args
}

/// Splits the arguments at top-level commas; each entry keeps the comma that ends it.
fn split_on_commas(tokens: TokenStream) -> Vec<(Vec<TokenTree>, Option<Punct>)> {
    let mut entries = Vec::new();
    let mut current = Vec::new();
    for tree in tokens {
        match tree {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                entries.push((std::mem::take(&mut current), Some(p)));
            }
            other => current.push(other),
        }
    }
    entries.push((current, None));
    entries
}

fn parse_entry(entry: Vec<TokenTree>, args: &mut Args, cx: &mut Ctxt) {
    let mut tokens = entry.into_iter();
    let (key_name, key_tokens) = match tokens.next() {
        Some(TokenTree::Ident(ident)) => (ident.unraw().to_string(), ident.into_token_stream()),
        // #[activity("version" = "1")]: read on as if the quotes were not there.
        Some(TokenTree::Literal(lit)) => match Lit::new(lit) {
            Lit::Str(lit) if KEYS.iter().any(|(name, _)| *name == lit.value()) => {
                let key_name = lit.value();
                cx.error_spanned_by(
                    &lit,
                    format!("expected `{key_name}` without quotes: `{key_name} = ...`"),
                );
                (key_name, lit.into_token_stream())
            }
            lit => {
                let mut all = lit.into_token_stream();
                all.extend(tokens);
                cx.error_spanned_by(
                    all,
                    r#"expected an activity argument such as `version = "1"`"#,
                );
                return;
            }
        },
        Some(other) => {
            let mut all = TokenStream::from(other);
            all.extend(tokens);
            cx.error_spanned_by(
                all,
                r#"expected an activity argument such as `version = "1"`"#,
            );
            return;
        }
        None => return,
    };
    let Some(key) = KEYS
        .iter()
        .find(|(name, _)| *name == key_name)
        .map(|(_, key)| *key)
    else {
        let suggestion = suggest_key(&key_name);
        if suggestion == Some("version") {
            // `verison = "1"` is reported once, not also as a missing `version`.
            args.version_misspelled = true;
        }
        cx.error_spanned_by(key_tokens, unknown_key_message(&key_name, suggestion));
        return;
    };
    if args.seen.contains(&key) {
        cx.error_spanned_by(
            key_tokens,
            format!("duplicate activity argument `{key_name}`"),
        );
        return;
    }
    args.seen.push(key);

    // #[activity(version = "1")]
    match tokens.next() {
        Some(TokenTree::Punct(eq)) if eq.as_char() == '=' => {
            let value: TokenStream = tokens.collect();
            if value.is_empty() {
                cx.error_spanned_by(
                    eq,
                    format!("expected a value after `=`: `{}`", key.example()),
                );
                return;
            }
            parse_value(key, value, args, cx);
        }
        // #[activity(version)], #[activity(version("1"))], #[activity(version: "1")]
        _ => cx.error_spanned_by(
            key_tokens,
            format!("expected `=` after `{key_name}`: `{}`", key.example()),
        ),
    }
}

fn parse_value(key: Key, value: TokenStream, args: &mut Args, cx: &mut Ctxt) {
    match key {
        // #[activity(name = "ChargeCard")]
        Key::Name => args.name = string(key, value, cx),
        // #[activity(version = "1")]
        Key::Version => args.version = string(key, value, cx),
        // #[activity(task_list = "payments")]
        Key::TaskList => args.task_list = string(key, value, cx),
        // #[activity(description = "charges a card")]
        Key::Description => args.description = string(key, value, cx),
        // #[activity(task_priority = 10)], #[activity(task_priority = -5)],
        // #[activity(task_priority = "10")]
        Key::TaskPriority => args.task_priority = priority(value, cx),
        // #[activity(schedule_to_start_timeout = "5m")], `= 300`, `= "NONE"`
        Key::ScheduleToStartTimeout => args.schedule_to_start_timeout = timeout(key, value, cx),
        // #[activity(start_to_close_timeout = "5m")], `= 300`, `= "NONE"`
        Key::StartToCloseTimeout => args.start_to_close_timeout = timeout(key, value, cx),
        // #[activity(schedule_to_close_timeout = "1h")], `= 3600`, `= "NONE"`
        Key::ScheduleToCloseTimeout => args.schedule_to_close_timeout = timeout(key, value, cx),
        // #[activity(heartbeat_timeout = "30s")], `= 30`, `= "NONE"`
        Key::HeartbeatTimeout => args.heartbeat_timeout = timeout(key, value, cx),
        // #[activity(crate = "::my::reexport")], #[activity(crate = ::my::reexport)]
        // #[activity(converter = FLOW)], #[activity(converter = swf_activity::convert::Json)]
        Key::Converter => args.converter = converter(value, cx),
        // #[activity(handle = ChargeCard)]
        Key::Handle => args.handle = handle(value, cx),
        Key::Crate => args.krate = krate(value, cx),
    }
}

/// What a value turned out to be, looking through the invisible groups `macro_rules!` adds.
enum Value {
    Lit(Lit),
    /// `-` followed by a literal.
    Negative(Lit),
    Ident(Ident),
    Other,
}

fn classify(value: &TokenStream) -> Value {
    let mut trees = value.clone().into_iter();
    let (first, second, third) = (trees.next(), trees.next(), trees.next());
    match (first, second, third) {
        (Some(TokenTree::Literal(lit)), None, None) => Value::Lit(Lit::new(lit)),
        (Some(TokenTree::Ident(ident)), None, None) => Value::Ident(ident),
        (Some(TokenTree::Punct(minus)), Some(TokenTree::Literal(lit)), None)
            if minus.as_char() == '-' =>
        {
            Value::Negative(Lit::new(lit))
        }
        (Some(TokenTree::Group(group)), None, None) if group.delimiter() == Delimiter::None => {
            classify(&group.stream())
        }
        _ => Value::Other,
    }
}

fn string(key: Key, value: TokenStream, cx: &mut Ctxt) -> Option<Str> {
    let found = classify(&value);
    if let Value::Lit(Lit::Str(lit)) = &found {
        if !lit.suffix().is_empty() {
            cx.error_spanned_by(lit, unexpected_suffix(lit.suffix(), key));
            return None;
        }
        return Some(Str {
            value: lit.value(),
            lit: lit.clone(),
        });
    }
    // The value as the user probably meant it, to show the fix: `version = 1` -> `version = "1"`.
    let meant = match &found {
        Value::Lit(Lit::Int(lit)) => Some(lit.token().to_string()),
        Value::Lit(Lit::Float(lit)) => Some(lit.token().to_string()),
        Value::Lit(Lit::Char(lit)) => Some(lit.value().to_string()),
        Value::Lit(Lit::Bool(lit)) => Some(lit.value.to_string()),
        Value::Lit(Lit::ByteStr(lit)) => String::from_utf8(lit.value()).ok(),
        Value::Lit(Lit::CStr(lit)) => lit.value().into_string().ok(),
        Value::Ident(found) => Some(found.unraw().to_string()),
        _ => None,
    };
    let key_name = key.name();
    let fix = match meant {
        Some(meant) if meant.chars().count() <= 64 => format!("{key_name} = {meant:?}"),
        _ => key.example().to_owned(),
    };
    cx.error_spanned_by(
        value,
        format!("expected `{key_name}` to be a string literal: `{fix}`"),
    );
    None
}

fn priority(value: TokenStream, cx: &mut Ctxt) -> Option<Number> {
    let key = Key::TaskPriority;
    let text = match classify(&value) {
        Value::Lit(Lit::Int(lit)) if lit.suffix().is_empty() => lit.base10_digits().to_owned(),
        Value::Negative(Lit::Int(lit)) if lit.suffix().is_empty() => {
            format!("-{}", lit.base10_digits())
        }
        Value::Lit(Lit::Str(lit)) if lit.suffix().is_empty() => lit.value(),
        Value::Lit(Lit::Int(lit)) | Value::Negative(Lit::Int(lit)) => {
            cx.error_spanned_by(&lit, unexpected_suffix(lit.suffix(), key));
            return None;
        }
        Value::Lit(Lit::Str(lit)) => {
            cx.error_spanned_by(&lit, unexpected_suffix(lit.suffix(), key));
            return None;
        }
        _ => {
            cx.error_spanned_by(
                value,
                "expected `task_priority` to be an integer: `task_priority = 10`",
            );
            return None;
        }
    };
    Some(Number {
        text,
        tokens: value,
    })
}

fn timeout(key: Key, value: TokenStream, cx: &mut Ctxt) -> Option<Number> {
    let key_name = key.name();
    let text = match classify(&value) {
        Value::Lit(Lit::Str(lit)) if lit.suffix().is_empty() => lit.value(),
        Value::Lit(Lit::Int(lit)) if lit.suffix().is_empty() => lit.base10_digits().to_owned(),
        Value::Lit(Lit::Str(lit)) => {
            cx.error_spanned_by(&lit, unexpected_suffix(lit.suffix(), key));
            return None;
        }
        Value::Lit(Lit::Int(lit)) => {
            cx.error_spanned_by(&lit, unexpected_suffix(lit.suffix(), key));
            return None;
        }
        Value::Ident(ident) if ident == "NONE" => {
            cx.error_spanned_by(
                value,
                format!("expected `NONE` in quotes: `{key_name} = \"NONE\"`"),
            );
            return None;
        }
        Value::Negative(_) => {
            cx.error_spanned_by(
                value,
                format!("`{key_name}` cannot be negative: `{}`", key.example()),
            );
            return None;
        }
        _ => {
            cx.error_spanned_by(
                value,
                format!(
                    "expected `{key_name}` to be `\"NONE\"`, whole seconds or a duration string: `{}`",
                    key.example()
                ),
            );
            return None;
        }
    };
    Some(Number {
        text,
        tokens: value,
    })
}

fn krate(value: TokenStream, cx: &mut Ctxt) -> Option<syn::Path> {
    let message = r#"expected `crate` to be a path to swf-activity: `crate = "::swf_activity"`"#;
    let parsed = match classify(&value) {
        Value::Lit(Lit::Str(lit)) if lit.suffix().is_empty() => {
            lit.parse_with(syn::Path::parse_mod_style).ok()
        }
        _ => syn::parse::Parser::parse2(syn::Path::parse_mod_style, value.clone()).ok(),
    };
    if parsed.is_none() {
        cx.error_spanned_by(value.into_token_stream(), message);
    }
    parsed
}

fn converter(value: TokenStream, cx: &mut Ctxt) -> Option<syn::Path> {
    let parsed = syn::parse::Parser::parse2(syn::Path::parse_mod_style, value.clone()).ok();
    if parsed.is_none() {
        let message = match classify(&value) {
            Value::Lit(Lit::Str(_)) => {
                "expected `converter` to be a path, not a string: `converter = FLOW`, where `static FLOW: FlowJava = FlowJava::new();`"
            }
            _ => {
                "expected `converter` to be a path to a `const` or `static` data converter: `converter = FLOW`, where `static FLOW: FlowJava = FlowJava::new();`"
            }
        };
        cx.error_spanned_by(value.into_token_stream(), message);
    }
    parsed
}

fn handle(value: TokenStream, cx: &mut Ctxt) -> Option<Ident> {
    let mut trees = value.clone().into_iter();
    if let (Some(TokenTree::Ident(ident)), None) = (trees.next(), trees.next()) {
        return Some(ident);
    }
    let message = match classify(&value) {
        Value::Lit(Lit::Str(_)) => {
            "expected `handle` to be a type name, not a string: `handle = ChargeCard`"
        }
        _ => "expected `handle` to be a type name: `handle = ChargeCard`",
    };
    cx.error_spanned_by(value.into_token_stream(), message);
    None
}

fn unexpected_suffix(suffix: &str, key: Key) -> String {
    format!(
        "unexpected suffix `{suffix}` on the value of `{}`: `{}`",
        key.name(),
        key.example()
    )
}

fn unknown_key_message(found: &str, suggestion: Option<&str>) -> String {
    if let Some(suggestion) = suggestion {
        return format!("unknown activity argument `{found}`, did you mean `{suggestion}`?");
    }
    let expected = KEYS
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("unknown activity argument `{found}`, expected one of {expected}")
}

/// The key the user most likely meant: SWF's own spelling of it (`taskList`,
/// `defaultTaskStartToCloseTimeout`), a unique part of it (`priority`), or one within a small
/// edit distance (`heartbeat_timout`).
fn suggest_key(found: &str) -> Option<&'static str> {
    let snake = to_snake_case(found);
    let candidates = [
        Some(snake.as_str()),
        snake.strip_prefix("default_task_"),
        snake.strip_prefix("default_"),
    ];
    for candidate in candidates.into_iter().flatten() {
        if let Some((name, _)) = KEYS.iter().find(|(name, _)| *name == candidate) {
            return Some(name);
        }
    }
    let mut parts = KEYS.iter().map(|(name, _)| *name).filter(|name| {
        name.strip_suffix(snake.as_str())
            .is_some_and(|rest| rest.ends_with('_'))
            || name
                .strip_prefix(snake.as_str())
                .is_some_and(|rest| rest.starts_with('_'))
    });
    if let (Some(only), None) = (parts.next(), parts.next()) {
        return Some(only);
    }
    // As rustc does: at most a third of the word may differ.
    let max_distance = snake.chars().count().max(3) / 3;
    KEYS.iter()
        .map(|(name, _)| (edit_distance(&snake, name), *name))
        .filter(|(distance, _)| *distance <= max_distance)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// `taskList` -> `task_list`; `Task-List` -> `task_list`.
fn to_snake_case(word: &str) -> String {
    let mut snake = String::with_capacity(word.len() + 4);
    for ch in word.chars() {
        if ch.is_uppercase() {
            if !snake.is_empty() && !snake.ends_with('_') {
                snake.push('_');
            }
            snake.extend(ch.to_lowercase());
        } else if ch == '-' {
            snake.push('_');
        } else {
            snake.push(ch);
        }
    }
    snake
}

/// Levenshtein distance, counting characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest_key("heartbeat_timout"), Some("heartbeat_timeout"));
        assert_eq!(suggest_key("taskList"), Some("task_list"));
        assert_eq!(
            suggest_key("defaultTaskStartToCloseTimeout"),
            Some("start_to_close_timeout")
        );
        assert_eq!(suggest_key("defaultTaskPriority"), Some("task_priority"));
        assert_eq!(suggest_key("priority"), Some("task_priority"));
        assert_eq!(suggest_key("heartbeat"), Some("heartbeat_timeout"));
        assert_eq!(suggest_key("verison"), Some("version"));
        assert_eq!(suggest_key("krate"), Some("crate"));
        assert_eq!(suggest_key("timeout"), None);
        assert_eq!(suggest_key("tiemout"), None);
        assert_eq!(suggest_key("x"), None);
        assert_eq!(suggest_key(""), None);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ü", "u"), 1);
    }
}
