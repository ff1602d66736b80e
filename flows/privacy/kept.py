"""The threat model's first chapter: what Palabre keeps, about whom, and for how long."""

from __future__ import annotations

from flows.privacy.model import Chapter, Section
from flows.text import N_

PROFILE = Section(
    "profile",
    N_("Your profile"),
    (
        N_(
            "Your Telegram user id, your language, the dialogues you joined and your role in "
            "each, whether the bot can reach you, and the step you are in when the bot waits "
            "for you to type something (a grievance being filed excepted: it lives in memory "
            "only). Never your name, username or phone number. The day your profile was made "
            "and the day you joined each dialogue are kept, not the time."
        ),
        N_(
            "Someone who blocks the bot is marked unreachable and skipped until they write to it "
            "again."
        ),
        N_(
            "/forgetme deletes your profile, your memberships and any step in progress. What you "
            "already gave (grievances, statements, votes, survey answers) stays, with no link to "
            "you. A vote in a round still open stays traceable as everyone's is (see Votes) "
            "until the round closes."
        ),
    ),
)

GRIEVANCES = Section(
    "grievances",
    N_("Grievances"),
    (
        N_(
            "While you file a grievance, your answers (subject, place, when, description) live "
            "only in the bot's memory, never in the database. If Palabre restarts in the middle, "
            "they are lost and you are asked to start again."
        ),
        N_(
            "Sending it writes one row: a random key, the dialogue, the day (not the time), the "
            "subject, the place, when it happened, your description, and the receipt code only "
            "as a keyed hash (HMAC) under the receipt key. Nothing in that write names you or "
            "points to you. Not even whoever holds every file of the server (the database, its "
            "`-wal` and `-shm` write-ahead files, every key file, backups, logs) can tell who "
            "filed which grievance, at any moment."
        ),
        N_(
            "The daily limit on grievances per person is counted only in memory, under a key of "
            "the day that never touches the disk: a restart resets the day's counts."
        ),
        N_(
            "The receipt code shown to you is the only way back to your grievance: /status with "
            "the code shows its subject, the day it was received, its status and the "
            "facilitators' reply. Nobody can look it up by your name; without the code, not even "
            "you."
        ),
        N_(
            "Facilitators read grievances. Police, officials and other participants read only "
            "those the facilitators put on the dialogue's agenda, never one of a confidential "
            "category (gender-based violence, unless the dialogue's list says otherwise)."
        ),
    ),
)

STATEMENTS = Section(
    "statements",
    N_("Statements"),
    (
        N_(
            "While a round collects statements, the bot keeps which person wrote which "
            "statement, so that you can review yours with /mystatements and withdraw one, and so "
            "that the limit per person holds. That link is deleted when collecting ends, and the "
            "database's write-ahead log is then truncated so that no history keeps it."
        ),
        N_(
            "So someone holding the server's files while a round is collecting can see who wrote "
            "which statement of that round; afterwards, until the round closes, only someone who "
            "also holds the round's key can (see Votes); once it closes, nobody can."
        ),
        N_(
            "Writing a statement counts as agreeing with it, as in Pol.is: when collecting ends, "
            "your agree is recorded as a vote of yours, so you are never asked to vote on your "
            "own statement and your cards count only those you will see."
        ),
        N_(
            "A published statement says of its author only what at least {k} members of the "
            "dialogue share, never a name: the role of its author's group (a community member, a "
            "police officer, an official) only when at least {k} members have that role and write "
            "in the statement's language, otherwise “A participant said”; and the language it "
            "was written in only when at least {k} members write in it, otherwise just “no "
            "translation yet”. This is decided when collecting ends, checked again when voting "
            "opens, and the statement keeps only that decision."
        ),
        N_(
            "When a round is moderated, facilitators read each statement before it is published, "
            "with no more of its group and language than voters will read and not its author, "
            "and can remove names from it or translate it: a translation keeps a statement in a "
            "language few people write from standing out."
        ),
    ),
)

VOTES = Section(
    "votes",
    N_("Votes"),
    (
        N_(
            "Each vote is stored under a keyed hash of the voter's Telegram id and the statement, "
            "with a key of that round kept in the key directory (`PALABRE_KEY_DIR`), outside the "
            "database, and the voter's role. The key is made when collecting ends, since the "
            "authors' agrees are the round's first votes. When the round closes, its key is "
            "destroyed, the record of how many cards each person has voted on is deleted, and "
            "the write-ahead log is truncated."
        ),
        N_(
            "From the end of collecting until the round closes, someone with the server's files "
            "and that key can work out who voted what, by computing the hash for a Telegram id "
            "they know, and so who wrote which statement: an author's agree is there before "
            "anyone has been shown the statement. Without the key, a statement's votes show only "
            "the voters' groups; while nobody else has voted on it, that is its author's group. "
            "Once the round closes, nobody can tell whose a vote is."
        ),
        N_(
            "Facilitators see only counts per role group, and a group of fewer than {k} people "
            "is never shown apart. Your voting card says “✔ Vote recorded”, never your choice. "
            "You can change your vote until the round closes."
        ),
    ),
)

SURVEYS = Section(
    "surveys",
    N_("Surveys"),
    (
        N_(
            "While a survey is open, the bot keeps each invited person's progress, to resume and "
            "remind them: which question they are at, their answers so far to multiple-choice "
            "questions, and whether they have finished. Answers typed to open questions are kept "
            "only in memory until the person finishes: a restart before that loses them."
        ),
        N_(
            "When you finish, your answers are stored as one anonymous response: a random key, "
            "your role and the day, not the time."
        ),
        N_(
            "When the survey closes, every progress row and every record of the invitations and "
            "reminders sent for it is deleted, and the write-ahead log truncated: nothing left "
            "tells who finished, who was reminded or who answered what."
        ),
        N_(
            "While a survey is open, someone with the server's files can see who has finished "
            "and the answers in progress. Results are shown only once the survey closes, and "
            "never for a group of fewer than {k} people."
        ),
    ),
)

FILES = Section(
    "files",
    N_("Files and logs"),
    (
        N_(
            "The database, its `-wal` and `-shm` files, the key files, backups and exports are "
            "readable only by the account that runs Palabre (files 0600, directories 0700)."
        ),
        N_(
            "Records of the messages the bot sent are pruned. Membership and profile dates are "
            "kept to the day. SQLite's secure delete is on: a deleted row is overwritten in the "
            "database file, not left on a free page."
        ),
        N_(
            "Logs never contain message text, answers or secrets: errors are logged by their "
            "type and place with a random incident id, and the bot's token is cut out of the web "
            "addresses the HTTP libraries log."
        ),
        N_(
            "An export holds the grievance texts of its dialogues: keep it as carefully as the "
            "grievances themselves."
        ),
    ),
)

KEPT = Chapter(N_("What Palabre keeps"), (PROFILE, GRIEVANCES, STATEMENTS, VOTES, SURVEYS, FILES))
