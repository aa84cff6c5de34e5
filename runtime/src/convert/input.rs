//! What a converter makes of a task's input, and how an activity's input type is decoded from
//! it: one value, or a call's arguments.

use serde::de::{DeserializeOwned, Error as _};
use serde_json::{Map, Value};

/// A task's input as a converter parsed it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Input {
    /// One value: the whole input ([`Json`](super::Json)).
    Value(Value),
    /// A call's arguments, as Flow (positional) and simpleflow (positional and keyword) send
    /// them, already freed of the format's type information.
    Call {
        /// The positional arguments.
        args: Vec<Value>,
        /// The keyword arguments.
        kwargs: Map<String, Value>,
    },
}

impl Input {
    /// A call with positional arguments only.
    pub fn args(args: Vec<Value>) -> Input {
        Input::Call {
            args,
            kwargs: Map::new(),
        }
    }
}

/// A type an activity can take as its input, whatever the converter.
///
/// Every `serde` type is one: from one value as it is; from a call, from its only positional
/// argument, from its keyword arguments as an object's fields, or from `null` when there are
/// none (so `Option<_>` and `()` take a missing argument). For several arguments, take
/// [`Args`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an activity's input",
    label = "the task's input cannot be decoded into this type",
    note = "an activity's input is decoded with serde: derive `serde::Deserialize` for `{Self}`, with owned fields (`String`, not `&str`); for several arguments take `swf_activity::convert::Args<(A, B)>`"
)]
pub trait FromInput: Sized {
    /// Decodes the input from JSON text, as the [`Json`](super::Json) converter sends it.
    fn from_json(json: &str) -> Result<Self, serde_json::Error>;

    /// Decodes the input from what a converter parsed; the error says why not, and becomes
    /// the converter's input failure.
    fn from_input(input: Input) -> Result<Self, String>;
}

impl<T: DeserializeOwned> FromInput for T {
    fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    fn from_input(input: Input) -> Result<Self, String> {
        let value = match input {
            Input::Value(value) => value,
            Input::Call { mut args, kwargs } => match (args.len(), kwargs.is_empty()) {
                (0, true) => Value::Null,
                (1, true) => args.remove(0),
                (0, false) => Value::Object(kwargs),
                (n, true) => {
                    return Err(format!(
                        "too many arguments: the activity takes 1, the task has {n}"
                    ));
                }
                (n, false) => {
                    return Err(format!(
                        "the activity takes one argument, the task has {n} positional and {} keyword arguments",
                        kwargs.len()
                    ));
                }
            },
        };
        serde_json::from_value(value).map_err(|err| err.to_string())
    }
}

/// Several arguments, in order: `Args<(A, B)>` takes a call `f(a, b)`, as Flow Java and
/// simpleflow schedule them, and a JSON array `[a, b]` from the [`Json`](super::Json)
/// converter.
///
/// A missing trailing argument decodes as `null` (so an `Option<_>` takes it, as Flow fills a
/// Java default); one argument too many fails the task. Keyword arguments are refused: take a
/// struct for those.
///
/// ```
/// use swf_activity::convert::{Args, FromInput, Input};
///
/// let Args((name, count)) = Args::<(String, Option<u32>)>::from_json(r#"["a"]"#).unwrap();
/// assert_eq!((name.as_str(), count), ("a", None));
/// let err = Args::<(String,)>::from_input(Input::args(vec!["a".into(), 1.into()])).unwrap_err();
/// assert_eq!(err, "too many arguments: the activity takes 1, the task has 2");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Args<T>(pub T);

/// Decodes the `i`th of `args` (0-based) of a call that takes `n`, a missing one as `null`.
fn arg<A: DeserializeOwned>(args: &mut [Value], i: usize) -> Result<A, String> {
    let value = args.get_mut(i).map(Value::take).unwrap_or(Value::Null);
    let missing = value.is_null() && i >= args.len();
    serde_json::from_value(value).map_err(|err| {
        if missing {
            format!(
                "too few arguments: argument {} is missing and its type does not take null ({err})",
                i + 1
            )
        } else {
            format!("argument {}: {err}", i + 1)
        }
    })
}

fn call_args(input: Input, n: usize) -> Result<Vec<Value>, String> {
    let args = match input {
        Input::Value(Value::Array(args)) => args,
        Input::Value(Value::Null) => Vec::new(),
        Input::Value(other) => {
            return Err(format!(
                "expected an array of the activity's {n} arguments, found {}",
                kind(&other)
            ));
        }
        Input::Call { args, kwargs } => {
            if let Some(key) = kwargs.keys().next() {
                return Err(format!(
                    "unexpected keyword argument {key:?}: the activity takes {n} positional arguments"
                ));
            }
            args
        }
    };
    if args.len() > n {
        return Err(format!(
            "too many arguments: the activity takes {n}, the task has {}",
            args.len()
        ));
    }
    Ok(args)
}

/// What a JSON value is, for messages: `an array`, `a string`, ...
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

macro_rules! args_impl {
    ($n:literal; $($t:ident $i:tt),+) => {
        impl<$($t: DeserializeOwned),+> FromInput for Args<($($t,)+)> {
            fn from_json(json: &str) -> Result<Self, serde_json::Error> {
                let value: Value = serde_json::from_str(json)?;
                Self::from_input(Input::Value(value)).map_err(serde_json::Error::custom)
            }

            fn from_input(input: Input) -> Result<Self, String> {
                let mut args = call_args(input, $n)?;
                Ok(Args(($(arg::<$t>(&mut args, $i)?,)+)))
            }
        }
    };
}

/// What a decider passes to call an activity: its arguments, each to be serialized by the
/// converter ([`DataConverter::encode_input`](super::DataConverter::encode_input)). Any serde
/// type is one argument; [`Args`] of a tuple is one argument per element, as [`FromInput`]
/// reads them.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent as an activity's input",
    label = "a decider serializes the input with serde",
    note = "derive `serde::Serialize` for `{Self}` to schedule the activity with it"
)]
pub trait IntoArgs {
    /// The arguments, in order.
    fn args(&self) -> Vec<&dyn erased_serde::Serialize>;
}

impl<T: serde::Serialize> IntoArgs for T {
    fn args(&self) -> Vec<&dyn erased_serde::Serialize> {
        vec![self]
    }
}

macro_rules! into_args_impl {
    ($($t:ident $i:tt),+) => {
        impl<$($t: serde::Serialize),+> IntoArgs for Args<($($t,)+)> {
            fn args(&self) -> Vec<&dyn erased_serde::Serialize> {
                vec![$(&self.0.$i),+]
            }
        }
    };
}

into_args_impl!(A 0);
into_args_impl!(A 0, B 1);
into_args_impl!(A 0, B 1, C 2);
into_args_impl!(A 0, B 1, C 2, D 3);
into_args_impl!(A 0, B 1, C 2, D 3, E 4);
into_args_impl!(A 0, B 1, C 2, D 3, E 4, F 5);
into_args_impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
into_args_impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);

args_impl!(1; A 0);
args_impl!(2; A 0, B 1);
args_impl!(3; A 0, B 1, C 2);
args_impl!(4; A 0, B 1, C 2, D 3);
args_impl!(5; A 0, B 1, C 2, D 3, E 4);
args_impl!(6; A 0, B 1, C 2, D 3, E 4, F 5);
args_impl!(7; A 0, B 1, C 2, D 3, E 4, F 5, G 6);
args_impl!(8; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_value_from_a_call() {
        assert_eq!(u8::from_input(Input::args(vec![json!(3)])), Ok(3));
        assert_eq!(Option::<u8>::from_input(Input::args(vec![])), Ok(None));
        let mut kwargs = Map::new();
        kwargs.insert("id".into(), json!(1));
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Order {
            id: u8,
        }
        assert_eq!(
            Order::from_input(Input::Call {
                args: vec![],
                kwargs: kwargs.clone()
            }),
            Ok(Order { id: 1 })
        );
        assert_eq!(
            Order::from_input(Input::Call {
                args: vec![json!(1)],
                kwargs
            }),
            Err("the activity takes one argument, the task has 1 positional and 1 keyword arguments".into())
        );
        assert_eq!(
            u8::from_input(Input::args(vec![json!(1), json!(2)])),
            Err("too many arguments: the activity takes 1, the task has 2".into())
        );
    }

    #[test]
    fn several_arguments() {
        let Args((a, b)) =
            Args::<(String, i64)>::from_input(Input::args(vec![json!("x"), json!(42)]))
                .expect("decodes");
        assert_eq!((a.as_str(), b), ("x", 42));
        let err =
            Args::<(String, i64)>::from_input(Input::args(vec![json!("x")])).expect_err("refused");
        assert!(
            err.starts_with("too few arguments: argument 2 is missing"),
            "{err}"
        );
        let err = Args::<(String, i64)>::from_input(Input::args(vec![json!(1), json!(2)]))
            .expect_err("refused");
        assert!(err.starts_with("argument 1: invalid type"), "{err}");
        let err = Args::<(String,)>::from_json("{}").expect_err("refused");
        assert!(
            err.to_string()
                .starts_with("expected an array of the activity's 1 arguments, found an object"),
            "{err}"
        );
        assert_eq!(
            Args::<(Option<u8>, Option<u8>)>::from_json("null").expect("decodes"),
            Args((None, None))
        );
        let mut kwargs = Map::new();
        kwargs.insert("x".into(), json!(1));
        assert_eq!(
            Args::<(u8,)>::from_input(Input::Call {
                args: vec![],
                kwargs
            }),
            Err(
                "unexpected keyword argument \"x\": the activity takes 1 positional arguments"
                    .into()
            )
        );
    }
}
