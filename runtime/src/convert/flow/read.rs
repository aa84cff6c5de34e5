//! Reading Jackson-typed JSON back into plain JSON: a task's input, a result, the fields of an
//! exception. Wrapper arrays are unwrapped, and what a Flow worker would refuse (a value
//! without its wrapper where Jackson needs one, a wrapper that does not hold what its class
//! says, a JDK class we cannot read) is refused with a message saying what was found.

use serde_json::{Map, Value};

pub(super) use crate::convert::input::kind;
use crate::failure::truncate;

/// How Flow's argument array starts; shown in the messages about a wrong root.
pub(super) const ROOT_SHAPE: &str = r#"["[Ljava.lang.Object;",[...]]"#;

/// Where a value was found, which decides what may be bare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// An `Object` (an argument, an element of an erased collection): Jackson wraps everything
    /// but strings, booleans, `Integer`s and `Double`s, so an array must be a wrapper and an
    /// object is refused.
    Erased,
    /// A declared type (a result, a POJO's field): a two-element array whose first element is a
    /// dotted Java class name is a wrapper; any other array or object is bare.
    Declared,
}

/// The task's input: Flow's argument array, each argument freed of its type information.
/// A missing or blank input is a call without arguments.
pub(super) fn parse_input(input: Option<&str>) -> Result<Vec<Value>, String> {
    let text = match input {
        Some(text) if !text.trim().is_empty() => text,
        _ => return Ok(Vec::new()),
    };
    let root: Value =
        serde_json::from_str(text).map_err(|err| format!("the input is not JSON: {err}"))?;
    let mut parts = match root {
        Value::Array(parts) => parts,
        other => {
            return Err(format!(
                "expected Flow's argument array {ROOT_SHAPE}, found {}",
                kind(&other)
            ));
        }
    };
    let well_formed = matches!(
        parts.as_slice(),
        [Value::String(class), Value::Array(_)] if class.starts_with("[L")
    );
    if !well_formed {
        return Err(format!(
            "expected Flow's argument array {ROOT_SHAPE}, found {}",
            excerpt(&Value::Array(parts))
        ));
    }
    let args = match parts.pop() {
        Some(Value::Array(args)) => args,
        _ => Vec::new(),
    };
    let wrapper = match parts.pop() {
        Some(Value::String(class)) => class,
        _ => String::new(),
    };
    if !is_array_class(&wrapper) {
        return Err(format!(
            "expected Flow's argument array {ROOT_SHAPE}, found the class {wrapper:?}"
        ));
    }
    let element = element_mode(&wrapper);
    args.into_iter()
        .enumerate()
        .map(|(i, arg)| untype(arg, element).map_err(|err| format!("argument {}: {err}", i + 1)))
        .collect()
}

/// `value` without its type information.
pub(super) fn untype(value: Value, mode: Mode) -> Result<Value, String> {
    match value {
        Value::Array(mut items) => {
            let is_wrapper = matches!(
                items.as_slice(),
                [Value::String(class), _] if looks_like_class(class, mode)
            );
            if is_wrapper {
                let inner = items.pop().unwrap_or(Value::Null);
                match items.pop() {
                    Some(Value::String(class)) => unwrap_typed(&class, inner, mode),
                    // `is_wrapper` saw a string there.
                    _ => Ok(Value::Null),
                }
            } else if mode == Mode::Erased {
                Err(format!(
                    "expected a value with its Java class, [\"<class>\",value], found {}",
                    excerpt(&Value::Array(items))
                ))
            } else {
                untype_each(items, Mode::Declared).map(Value::Array)
            }
        }
        Value::Object(map) if mode == Mode::Erased => Err(format!(
            "found an object without its Java class (Jackson writes a POJO there as \
             [\"<class>\",{{...}}]): {}",
            excerpt(&Value::Object(map))
        )),
        Value::Object(map) => untype_values(map, Mode::Declared).map(Value::Object),
        scalar => Ok(scalar),
    }
}

/// `items`, each freed of its type information in place (no new vector).
fn untype_each(mut items: Vec<Value>, mode: Mode) -> Result<Vec<Value>, String> {
    for item in &mut items {
        *item = untype(item.take(), mode)?;
    }
    Ok(items)
}

/// `map`'s values, each freed of its type information in place (no new map: keys are not
/// hashed or compared again).
fn untype_values(mut map: Map<String, Value>, mode: Mode) -> Result<Map<String, Value>, String> {
    for value in map.values_mut() {
        *value = untype(value.take(), mode)?;
    }
    Ok(map)
}

/// The value a wrapper `[class, inner]` holds, checked against what `class` can hold.
fn unwrap_typed(class: &str, inner: Value, mode: Mode) -> Result<Value, String> {
    let holds = |expected: &str| {
        format!(
            "the wrapper of {class} holds {}, expected {expected}",
            kind(&inner)
        )
    };
    if class.starts_with('[') {
        if !is_array_class(class) {
            return Err(format!("{class:?} is not a Java class name"));
        }
        return match inner {
            Value::Array(items) => untype_each(items, element_mode(class)).map(Value::Array),
            _ => Err(holds("an array")),
        };
    }
    if !is_jdk(class) {
        // A POJO or an enum of the application's own: its class is the Rust type's business.
        return untype(inner, Mode::Declared);
    }
    let fits = match scalar_kind(class) {
        Some(Scalar::Text) => inner.is_string(),
        Some(Scalar::Boolean) => inner.is_boolean(),
        Some(Scalar::Integer) => inner.is_i64() || inner.is_u64(),
        Some(Scalar::Number) => inner.is_number() || is_non_finite(&inner),
        None if is_java_util(class) => {
            return match inner {
                Value::Array(_) | Value::Object(_) => untype_contents(inner, mode),
                _ => Err(holds("an array (a collection) or an object (a map)")),
            };
        }
        None => {
            return Err(format!(
                "unknown class {class}: a Flow decider's arguments are strings, numbers, \
                 booleans, collections, maps and the application's own classes"
            ));
        }
    };
    if fits {
        Ok(inner)
    } else {
        Err(holds(match scalar_kind(class) {
            Some(Scalar::Text) => "a string",
            Some(Scalar::Boolean) => "a boolean",
            Some(Scalar::Integer) => "an integer",
            _ => "a number",
        }))
    }
}

/// The elements of a collection or the values of a map, in the mode of the wrapper.
fn untype_contents(inner: Value, mode: Mode) -> Result<Value, String> {
    match inner {
        Value::Array(items) => untype_each(items, mode).map(Value::Array),
        Value::Object(map) => untype_values(map, mode).map(Value::Object),
        scalar => Ok(scalar),
    }
}

enum Scalar {
    Text,
    Boolean,
    Integer,
    Number,
}

fn scalar_kind(class: &str) -> Option<Scalar> {
    Some(match class {
        "java.lang.String" | "java.lang.Character" => Scalar::Text,
        "java.lang.Boolean" => Scalar::Boolean,
        "java.lang.Integer"
        | "java.lang.Long"
        | "java.lang.Short"
        | "java.lang.Byte"
        | "java.math.BigInteger"
        | "java.util.concurrent.atomic.AtomicInteger"
        | "java.util.concurrent.atomic.AtomicLong"
        // Jackson writes dates as milliseconds since the epoch.
        | "java.util.Date"
        | "java.sql.Date"
        | "java.sql.Timestamp" => Scalar::Integer,
        "java.lang.Float" | "java.lang.Double" | "java.math.BigDecimal" => Scalar::Number,
        _ => return None,
    })
}

fn is_non_finite(value: &Value) -> bool {
    matches!(value.as_str(), Some("NaN" | "Infinity" | "-Infinity"))
}

fn is_jdk(class: &str) -> bool {
    ["java.", "javax.", "jdk.", "sun."]
        .iter()
        .any(|p| class.starts_with(p))
}

/// `java.util`'s collections and maps (including nested ones such as `Arrays$ArrayList`) and
/// `java.util.concurrent`'s.
fn is_java_util(class: &str) -> bool {
    class
        .strip_prefix("java.util.")
        .is_some_and(|rest| !rest.contains('.') || rest.starts_with("concurrent."))
}

/// How the elements of an array class are read: an `Object[]`'s as `Object`s.
fn element_mode(array_class: &str) -> Mode {
    if array_class == "[Ljava.lang.Object;" {
        Mode::Erased
    } else {
        Mode::Declared
    }
}

/// Whether `s` can be the class of a wrapper: any Java class name where Jackson wraps
/// everything; a dotted one or an array class where a bare array could also stand.
fn looks_like_class(s: &str, mode: Mode) -> bool {
    is_array_class(s) || (is_binary_name(s) && (mode == Mode::Erased || s.contains('.')))
}

/// A class's binary name: `com.example.Order`, `java.util.Arrays$ArrayList`.
fn is_binary_name(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|segment| {
            let mut chars = segment.chars();
            chars
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
}

/// An array class as `Class.getName` spells it: `[Ljava.lang.Object;`, `[J`, `[[I`.
fn is_array_class(s: &str) -> bool {
    let element = s.trim_start_matches('[');
    if element.len() == s.len() {
        return false;
    }
    matches!(element, "Z" | "B" | "C" | "S" | "I" | "J" | "F" | "D")
        || element
            .strip_prefix('L')
            .and_then(|e| e.strip_suffix(';'))
            .is_some_and(is_binary_name)
}

/// The beginning of `value`'s JSON, for a message.
pub(super) fn excerpt(value: &Value) -> String {
    let json = value.to_string();
    truncate(&json, 120).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn args(input: &str) -> Result<Vec<Value>, String> {
        parse_input(Some(input))
    }

    #[test]
    fn arguments_lose_their_wrappers() {
        assert_eq!(
            args(r#"["[Ljava.lang.Object;",["abc",["java.lang.Long",42],null,1.5,true]]"#),
            Ok(vec![
                json!("abc"),
                json!(42),
                json!(null),
                json!(1.5),
                json!(true)
            ])
        );
        assert_eq!(
            args(
                r#"["[Ljava.lang.Object;",[["com.example.Order",{"id":1,"items":["java.util.ArrayList",["a"]],"tags":["x","y","z"]}],["java.util.HashMap",{"k":["java.lang.Long",5]}]]]"#
            ),
            Ok(vec![
                json!({"id": 1, "items": ["a"], "tags": ["x", "y", "z"]}),
                json!({"k": 5})
            ])
        );
        assert_eq!(parse_input(None), Ok(vec![]));
        assert_eq!(args(" "), Ok(vec![]));
        assert_eq!(args(r#"["[Ljava.lang.Object;",[]]"#), Ok(vec![]));
    }

    #[test]
    fn bad_input_says_what_was_found() {
        let cases = [
            ("{", "the input is not JSON: EOF while parsing"),
            (
                "{}",
                "expected Flow's argument array [\"[Ljava.lang.Object;\",[...]], found an object",
            ),
            (
                r#"["abc",42]"#,
                "expected Flow's argument array [\"[Ljava.lang.Object;\",[...]], found [\"abc\",42]",
            ),
            (
                r#"["[Lno such;",[]]"#,
                "expected Flow's argument array [\"[Ljava.lang.Object;\",[...]], found the class \"[Lno such;\"",
            ),
            (
                r#"["[Ljava.lang.Object;",[{"id":1}]]"#,
                "argument 1: found an object without its Java class",
            ),
            (
                r#"["[Ljava.lang.Object;",["a",["b","c","d"]]]"#,
                "argument 2: expected a value with its Java class",
            ),
            (
                r#"["[Ljava.lang.Object;",[["java.lang.Long","x"]]]"#,
                "argument 1: the wrapper of java.lang.Long holds a string, expected an integer",
            ),
            (
                r#"["[Ljava.lang.Object;",[["java.util.ArrayList",5]]]"#,
                "argument 1: the wrapper of java.util.ArrayList holds a number",
            ),
            (
                r#"["[Ljava.lang.Object;",[["java.lang.Thread",{}]]]"#,
                "argument 1: unknown class java.lang.Thread",
            ),
        ];
        for (input, expected) in cases {
            let err = args(input).expect_err(input);
            assert!(err.starts_with(expected), "{input}: {err}");
        }
    }

    #[test]
    fn class_names() {
        for ok in [
            "com.example.Order",
            "java.util.Arrays$ArrayList",
            "[J",
            "[[Ljava.lang.String;",
            "Order",
        ] {
            assert!(looks_like_class(ok, Mode::Erased), "{ok}");
        }
        assert!(!looks_like_class("Order", Mode::Declared));
        for bad in ["", "a b", "com..x", "[", "[Q", "[Lx", "1abc", "x."] {
            assert!(!looks_like_class(bad, Mode::Erased), "{bad}");
        }
    }
}
