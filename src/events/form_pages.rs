//! The organisers' pages that list an event's items above a form to add one (its registration questions, the
//! persons met, its outputs): shown with an empty form, and shown again with what was typed and the message
//! beside each field when the form does not read.

use askama::Template;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};

use super::pages::event_to_run;
use super::store::Event;
use crate::platform::auth::SignedIn;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, render};

/// A page of an event holding a form.
pub(super) trait FormPage: Template + Sized {
    async fn build(db: &Db, lang: Lang, uri: &Uri, event: Event, form: FormState) -> Result<Self, AppError>;
}

/// A page shown again with what was typed: 400, the messages beside the fields.
pub(super) fn shown_again(page: &impl Template) -> Result<Response, AppError> {
    Ok((StatusCode::BAD_REQUEST, render(page)?).into_response())
}

/// The page of the event at `slug` with an empty form, for those who run the event.
pub(super) async fn blank<P: FormPage>(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    user: &SignedIn,
    slug: &Slug,
) -> Result<Html<String>, AppError> {
    let event = event_to_run(db, user, slug.as_str()).await?;
    render(&P::build(db, lang, uri, event, FormState::default()).await?)
}

/// What the posted form says, read by `read`; or, when it does not read, the page shown again.
pub(super) async fn read_posted<P: FormPage, T>(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    event: &Event,
    data: &FormData,
    read: impl FnOnce(&FormData, &mut FormState) -> Option<T>,
) -> Result<Result<T, Response>, AppError> {
    let mut form = FormState::from(data);
    match read(data, &mut form) {
        Some(input) => Ok(Ok(input)),
        None => Ok(Err(shown_again(&P::build(db, lang, uri, event.clone(), form).await?)?)),
    }
}
