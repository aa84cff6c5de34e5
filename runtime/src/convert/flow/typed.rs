//! Writing a [`Node`] as Jackson writes a Java value with `NON_FINAL` default typing: a value of
//! a non-final type where the Java side declared a non-final type is a wrapper array
//! `["<class>", value]`; `String`, `Boolean`, `Integer` and `Double` are never wrapped.

use serde_json::{Map, Value};

use super::FlowJava;
use super::ser::{Content, Node, int_number};

/// What the Java side declared where a value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pos {
    /// The declared return type. Flow's generated clients pass the erased class (`List.class`,
    /// `Map.class`), so the elements of a collection there are `Object`s.
    Root,
    /// A field of a POJO or an exception, or an element of a collection declared there:
    /// generics are known, so a `Long` field or the elements of a `List<Long>` are bare.
    Declared,
    /// `Object`: an element of an erased collection. Only the four natural types are bare.
    Erased,
}

pub(super) const ARRAY_LIST: &str = "java.util.ArrayList";
pub(super) const HASH_MAP: &str = "java.util.HashMap";
pub(super) const LONG: &str = "java.lang.Long";
pub(super) const BIG_INTEGER: &str = "java.math.BigInteger";
pub(super) const DOUBLE: &str = "java.lang.Double";

/// `["<class>", value]`.
pub(super) fn wrap(class: &str, value: Value) -> Value {
    Value::Array(vec![Value::String(class.to_owned()), value])
}

/// `node` as Jackson writes it at `pos`; `Err` says which Rust type has no Java form and how
/// to give it one.
pub(super) fn typed(flow: &FlowJava, node: &Node, pos: Pos) -> Result<Value, String> {
    let inner = match pos {
        Pos::Declared => Pos::Declared,
        Pos::Root | Pos::Erased => Pos::Erased,
    };
    Ok(match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(*b),
        Node::Int { value, wide } => {
            let number = Value::Number(
                int_number(*value)
                    .ok_or_else(|| format!("the integer {value} does not fit a JSON number"))?,
            );
            match (pos, wide) {
                // Jackson reads a bare integer as an Integer where it may choose (an `Object`),
                // so a Long there keeps its class; a declared Long field is bare.
                (Pos::Erased, true) if i64::try_from(*value).is_ok() => wrap(LONG, number),
                (Pos::Erased, true) => wrap(BIG_INTEGER, number),
                _ => number,
            }
        }
        Node::Float(f) => match serde_json::Number::from_f64(*f) {
            Some(n) => Value::Number(n),
            None => {
                // Jackson writes NaN and the infinities as strings, which read back as a
                // Double only where a Double is declared.
                let text = Value::String(non_finite(*f).to_owned());
                if pos == Pos::Erased {
                    wrap(DOUBLE, text)
                } else {
                    text
                }
            }
        },
        Node::Str(s) => Value::String(s.clone()),
        // Jackson writes a byte[] as a base64 string.
        Node::Bytes(bytes) => Value::String(base64(bytes)),
        Node::Seq(items) => wrap(
            ARRAY_LIST,
            Value::Array(
                items
                    .iter()
                    .map(|item| typed(flow, item, inner))
                    .collect::<Result<_, _>>()?,
            ),
        ),
        Node::Map(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                map.insert(key.clone(), typed(flow, value, inner)?);
            }
            wrap(HASH_MAP, Value::Object(map))
        }
        Node::Struct { name, fields } => {
            let class = flow.class_of(name).ok_or_else(|| {
                format!(
                    "the struct `{name}` has no Java class: map it with \
                     `FlowJava::classes(&[(\"{name}\", \"com.example.{name}\")])` or name it \
                     `#[serde(rename = \"com.example.{name}\")]`"
                )
            })?;
            wrap(class, pojo(flow, fields)?)
        }
        Node::Variant {
            enum_name,
            variant,
            content,
        } => match content {
            // A Java enum is final: bare where it is declared, wrapped in an `Object`.
            Content::Unit if pos != Pos::Erased => Value::String((*variant).to_owned()),
            Content::Unit => {
                let class = flow.class_of(enum_name).ok_or_else(|| {
                    format!(
                        "the enum `{enum_name}` has no Java class, which its values need inside \
                         a list or a map: map it with \
                         `FlowJava::classes(&[(\"{enum_name}\", \"com.example.{enum_name}\")])`"
                    )
                })?;
                wrap(class, Value::String((*variant).to_owned()))
            }
            Content::Struct(fields) => {
                let class = flow.variant_class(enum_name, variant).ok_or_else(|| {
                    format!(
                        "the variant `{enum_name}::{variant}` has no Java class: map it with \
                         `FlowJava::classes(&[(\"{enum_name}::{variant}\", \"com.example.{variant}\")])`"
                    )
                })?;
                wrap(class, pojo(flow, fields)?)
            }
            Content::Newtype(_) | Content::Tuple(_) => {
                return Err(format!(
                    "the variant `{enum_name}::{variant}` holds unnamed values, which have no \
                     Java form: give it named fields and a Java class, or use a struct"
                ));
            }
        },
    })
}

/// A POJO's properties: its fields, typed as declared.
pub(super) fn pojo(flow: &FlowJava, fields: &[(&'static str, Node)]) -> Result<Value, String> {
    let mut map = Map::new();
    for (key, value) in fields {
        map.insert((*key).to_owned(), typed(flow, value, Pos::Declared)?);
    }
    Ok(Value::Object(map))
}

fn non_finite(f: f64) -> &'static str {
    if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

/// Standard base64 with padding, as Jackson writes a `byte[]`.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }
}
