//! Moderator commands: `/announce`, `/reminders`, `/kb`.
//!
//! Who is a moderator is decided twice. Discord hides the commands from members
//! without Manage Messages (`default_member_permissions`, set from the catalogue), but
//! server admins can change that per command, so [`moderator_check`] decides again at
//! run time: a member holding one of `[discord] moderator_roles` (or Administrator);
//! with no roles configured, Manage Messages in the channel as Discord computed it for
//! this interaction. Everyone else gets an ephemeral refusal, recorded in the audit log,
//! and nothing happens. Every moderator action is audited (who, what, when).
//!
//! - `announce`: `/announce post|schedule|list|cancel`; `compose`: the form, from the
//!   command to Confirm; `preview`: what stops a draft, the preview message, Confirm;
//!   `stray`: forms and presses no flow takes (someone else's, a finished flow's);
//! - `reminders`: `/reminders on|off|status`;
//! - `kb`: `/kb gaps|stats|reload|review|source`; `review`: the review flow of `/kb review`.

mod announce;
pub mod compose;
mod kb;
pub mod preview;
mod reminders;
pub mod review;
mod review_view;
pub mod stray;

pub use announce::announce;
pub use kb::kb;
pub use reminders::reminders;

use super::render::{self, no_mentions};
use super::{Ctx, Error};
use crate::reply::Reply;
use chrono::Utc;
use poise::serenity_prelude as serenity;
use poise::CreateReply;

/// Whether a member may use moderator commands (see the module docs).
pub fn may_moderate(
    roles: &[u64],
    permissions: Option<serenity::Permissions>,
    moderator_roles: &[u64],
) -> bool {
    let perms = permissions.unwrap_or_else(serenity::Permissions::empty);
    if perms.administrator() {
        return true;
    }
    if moderator_roles.is_empty() {
        perms.manage_messages()
    } else {
        roles.iter().any(|r| moderator_roles.contains(r))
    }
}

/// How the audit log names a member: name and id (names change, ids do not).
pub fn who(user: &serenity::User) -> String {
    format!("{} ({})", user.name, user.id)
}

/// The run-time check on every moderator command (poise runs a parent's check for its
/// subcommands too). A refusal is audited and answered by [`super::errors::on_error`]
/// with [`super::errors::REFUSAL`].
pub async fn moderator_check(ctx: Ctx<'_>) -> Result<bool, Error> {
    let poise::Context::Application(actx) = ctx else {
        return Ok(false);
    };
    let allowed = actx.interaction.member.as_ref().is_some_and(|m| {
        let roles: Vec<u64> = m.roles.iter().map(|r| r.get()).collect();
        may_moderate(
            &roles,
            m.permissions,
            &ctx.data().config.discord.moderator_roles,
        )
    });
    if !allowed {
        let (who, what) = (
            who(ctx.author()),
            format!("/{}", ctx.command().qualified_name),
        );
        tracing::info!(who, what, "moderator command refused");
        let r = ctx
            .data()
            .store
            .call(move |s| s.audit(&who, "denied", &what, Utc::now()))
            .await;
        if let Err(e) = r {
            tracing::error!("could not audit a refusal: {}", super::errors::chain(&e));
        }
    }
    Ok(allowed)
}

/// Sends a moderator-only reply (ephemeral), whatever its kind: a reload's problem list
/// is a user error but must be shown with all its fields.
pub(super) async fn send_moderator_reply(ctx: Ctx<'_>, reply: &Reply) -> Result<(), Error> {
    for page in render::pages(reply) {
        ctx.send(
            CreateReply::default()
                .embed(render::embed(&page))
                .ephemeral(true)
                .allowed_mentions(no_mentions()),
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use poise::serenity_prelude::Permissions as P;

    #[test]
    fn configured_roles_decide_and_manage_messages_alone_is_not_enough() {
        let mods = [10, 11];
        assert!(may_moderate(&[5, 11], Some(P::empty()), &mods));
        assert!(!may_moderate(&[5], Some(P::MANAGE_MESSAGES), &mods));
        assert!(may_moderate(&[], Some(P::ADMINISTRATOR), &mods));
        assert!(!may_moderate(&[], None, &mods));
    }

    #[test]
    fn without_configured_roles_manage_messages_is_required() {
        assert!(may_moderate(&[], Some(P::MANAGE_MESSAGES), &[]));
        assert!(!may_moderate(&[1], Some(P::SEND_MESSAGES), &[]));
        assert!(!may_moderate(&[1], None, &[]));
    }
}
