//! The activity as the macro sees it: the parsed arguments and the function's shape, keeping
//! the syn nodes so that every error can be spanned at what the user wrote.

use proc_macro2::{Delimiter, Group, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{
    Attribute, FnArg, GenericArgument, PatType, PathArguments, ReturnType, Signature, Type,
    Visibility,
};

use crate::args::Args;

/// The function `#[activity]` is on. The body is kept as tokens: it is emitted unchanged and
/// never looked into, so no body, however deeply nested, can trouble the parser (tokio-macros
/// does the same).
pub(crate) struct ItemFn {
    pub(crate) attrs: Vec<Attribute>,
    /// Also the handle's visibility.
    pub(crate) vis: Visibility,
    pub(crate) sig: Signature,
}

impl Parse for ItemFn {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let sig: Signature = input.parse()?;
        match input.parse::<TokenTree>()? {
            TokenTree::Group(body) if is_body(&body) => {}
            other => {
                return Err(syn::Error::new(
                    other.span(),
                    "expected the function's body",
                ));
            }
        }
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after the function"));
        }
        Ok(ItemFn { attrs, vis, sig })
    }
}

/// A brace-delimited block, also inside the invisible groups `macro_rules!` wraps a `$body:block`
/// in (one per macro it passed through).
fn is_body(group: &Group) -> bool {
    match group.delimiter() {
        Delimiter::Brace => true,
        Delimiter::None => {
            let mut inner = group.stream().into_iter();
            match (inner.next(), inner.next()) {
                (Some(TokenTree::Group(group)), None) => is_body(&group),
                _ => false,
            }
        }
        Delimiter::Parenthesis | Delimiter::Bracket => false,
    }
}

pub(crate) struct Activity<'a> {
    pub(crate) args: Args,
    pub(crate) func: Function<'a>,
}

pub(crate) struct Function<'a> {
    pub(crate) item: &'a ItemFn,
    pub(crate) params: Vec<Param<'a>>,
    pub(crate) output: Output<'a>,
}

/// One parameter, by what it is to an activity.
pub(crate) enum Param<'a> {
    /// `self`, `&self`, `mut self: Box<Self>`.
    Receiver(&'a syn::Receiver),
    /// `ctx: ActivityContext`, through any path.
    Context(&'a PatType),
    /// `ctx: &ActivityContext` or `&mut ActivityContext`.
    ContextRef(&'a PatType),
    /// Anything else: the task's input.
    Input(&'a PatType),
}

/// The return type, by how far it is from `Result<T, E>`.
pub(crate) enum Output<'a> {
    /// No `-> ...` at all.
    Missing,
    /// `Result<T, E>` through any path or alias with two type arguments.
    Result {
        ok: &'a Type,
        err: &'a Type,
    },
    /// `Result<T>`: an alias that hides the error type.
    ResultOneArg(&'a Type),
    Other(&'a Type),
}

impl<'a> Activity<'a> {
    pub(crate) fn from_syn(args: Args, item: &'a ItemFn) -> Self {
        Activity {
            args,
            func: Function::from_syn(item),
        }
    }
}

impl<'a> Function<'a> {
    fn from_syn(item: &'a ItemFn) -> Self {
        let params = item.sig.inputs.iter().map(Param::from_syn).collect();
        let output = match &item.sig.output {
            ReturnType::Default => Output::Missing,
            ReturnType::Type(_, ty) => Output::from_syn(ty),
        };
        Function {
            item,
            params,
            output,
        }
    }
}

impl<'a> Param<'a> {
    fn from_syn(arg: &'a FnArg) -> Self {
        match arg {
            FnArg::Receiver(receiver) => Param::Receiver(receiver),
            FnArg::Typed(pat_type) => match peel(&pat_type.ty) {
                ty if is_context(ty) => Param::Context(pat_type),
                Type::Reference(reference) if is_context(peel(&reference.elem)) => {
                    Param::ContextRef(pat_type)
                }
                _ => Param::Input(pat_type),
            },
        }
    }
}

impl<'a> Output<'a> {
    fn from_syn(ty: &'a Type) -> Self {
        let Type::Path(path) = peel(ty) else {
            return Output::Other(ty);
        };
        let Some(last) = path.path.segments.last() else {
            return Output::Other(ty);
        };
        if last.ident != "Result" {
            return Output::Other(ty);
        }
        let PathArguments::AngleBracketed(generics) = &last.arguments else {
            return Output::Other(ty);
        };
        let mut types = Vec::new();
        for arg in &generics.args {
            match arg {
                GenericArgument::Type(ty) => types.push(ty),
                _ => return Output::Other(ty),
            }
        }
        match types.as_slice() {
            [ok, err] => Output::Result { ok, err },
            [_] => Output::ResultOneArg(ty),
            _ => Output::Other(ty),
        }
    }
}

/// Looks through parentheses and the invisible groups `macro_rules!` wraps `$t:ty` in.
pub(crate) fn peel(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(group) => ty = &group.elem,
            Type::Paren(paren) => ty = &paren.elem,
            _ => return ty,
        }
    }
}

/// Whether `ty` names `ActivityContext` (through any path: `ActivityContext`,
/// `swf_activity::ActivityContext`, a re-export).
fn is_context(ty: &Type) -> bool {
    match ty {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "ActivityContext" && last.arguments.is_none()),
        _ => false,
    }
}
