"""The threat model's other chapters: who can learn what, while a round or a survey is open and
once it is closed, and what those who run the server should do."""

from __future__ import annotations

from flows.privacy.model import Chapter, Section
from flows.text import N_

TELEGRAM = Section(
    "telegram",
    N_("Telegram"),
    (
        N_(
            "**Can learn:** everything sent to the bot and everything it answers, with the "
            "account and the moment, grievances, statements, votes and survey answers included. "
            "Chats with a bot are not end-to-end encrypted. This is the same while a round or "
            "survey is open and after it closes: closing deletes nothing Telegram has carried, "
            "and what Telegram keeps is beyond Palabre's control."
        ),
        N_(
            "**What Palabre does:** it works only in private chats (in a group it answers with a "
            "link and stores nothing). It deletes grievance descriptions, typed statements and "
            "typed survey answers from the chat once they are stored, shows “✔ Vote recorded” "
            "instead of your choice, and offers to delete the receipt message once you have "
            "noted the code. Palabre cannot know whether Telegram keeps deleted messages on its "
            "servers."
        ),
    ),
)

OPERATOR = Section(
    "operator",
    N_("The server's operator"),
    (
        N_("Whoever runs the server controls every file, the bot's memory and the program itself."),
        N_(
            "**At any moment:** who has a profile (Telegram ids), in which dialogues and roles. A "
            "Telegram id is enough to find the person. **While a round collects statements:** "
            "who wrote which statement of it. **From then until the round closes:** who voted "
            "what, and so who wrote which statement (with the round's key), and how many cards "
            "each person has voted on. **While a survey "
            "is open:** who was invited and reminded, who has finished, and the multiple-choice "
            "answers in progress."
        ),
        N_(
            "**Once the round or survey is closed:** none of those links. **Grievances:** the "
            "files never tell who filed which, at any moment."
        ),
        N_(
            "**The limit:** an operator who watches the bot's memory (where a grievance being "
            "filed and the day's counts per person live) or changes the program can learn "
            "anything from then on. Palabre cannot protect you from a dishonest operator: choose "
            "who runs the server as carefully as the facilitators."
        ),
        N_(
            "**What Palabre does:** it keeps each link only while a round or survey needs it, "
            "deletes it at the close and then truncates the write-ahead log; it keeps vote keys "
            "outside the database and destroys them at the close; it keeps grievance intakes and "
            "the day's counts in memory only; and its logs hold no message text or answers."
        ),
    ),
)

SEIZED = Section(
    "seized",
    N_("Whoever seizes the server"),
    (
        N_(
            "Whoever takes the server powered off, a copy of its disk or a backup gets what the "
            "files held at that moment, and nothing that lived only in memory (a grievance being "
            "filed, the day's counts) unless the system wrote it to an unencrypted swap. A "
            "server taken while running is the operator's case."
        ),
        N_(
            "**At any moment:** the profiles (who takes part, where, in which role), every "
            "grievance, the statements, vote counts and finished survey responses, none "
            "of them linked to anyone. **If a round was collecting:** who wrote which statement "
            "of it. **If collecting had ended and the round was open:** who voted what and so "
            "who wrote which statement, provided the key directory was taken too; without it, "
            "the group of a statement's author while nobody else had voted on it. **If a survey "
            "was open:** who had finished and the answers in "
            "progress."
        ),
        N_(
            "**A backup keeps what was true when it was made:** a copy made while a round or "
            "survey was open keeps its links after it closes."
        ),
        N_(
            "**The bot's token** is on the server too: revoke it with @BotFather at once. With "
            "it, the seizer cannot read past chats, but can receive what people send next and "
            "write to them as Palabre."
        ),
        N_(
            "**What Palabre does:** it deletes each link when its round or survey closes and "
            "truncates the write-ahead log, so that a later seizure finds none of them. The key "
            "directory can be a RAM disk, so that a powered-off server holds no vote keys, and "
            "full-disk encryption protects what deletion leaves behind (see Advice for those who "
            "run Palabre)."
        ),
    ),
)

STAFF = Section(
    "staff",
    N_("Program staff"),
    (
        N_(
            "Program staff are the Telegram ids in `PALABRE_ADMINS`. They create dialogues, may "
            "act as facilitators in any dialogue (so they can read what facilitators read, "
            "below) and export the figures of every dialogue, grievance texts included."
        ),
        N_(
            "**Cannot learn,** through the bot or the exports, open or closed: who wrote, voted, "
            "filed or answered anything. Votes by group are exported for closed rounds only, and "
            "groups of fewer than {k} people are never shown apart."
        ),
    ),
)

FACILITATORS = Section(
    "facilitators",
    N_("Facilitators"),
    (
        N_(
            "**Can learn:** the statements of their dialogue, before publication when a round "
            "is moderated, with no more of the author's group and language than voters read; vote "
            "counts per role group; "
            "every grievance of their dialogue (subject, place, when it happened, description, "
            "day received) and counts of them; survey results once a survey closes; how many "
            "people take part in each role."
        ),
        N_(
            "**Cannot learn,** open or closed: who wrote a statement, who voted what, who filed "
            "a grievance, who answered a survey, or a list of the people in each role."
        ),
        N_(
            "**What Palabre does:** a group of fewer than {k} people is never shown apart, and a "
            "count that would let a hidden one be worked out reads “…”. Early warnings are "
            "checked every five minutes, not as each grievance arrives, so an alert's time does "
            "not date the report behind it. **The limit:** a facilitator who knows the people "
            "may guess an author from what a text says."
        ),
    ),
)

POLICE = Section(
    "police",
    N_("Police and officials"),
    (
        N_(
            "**Can learn:** the published statements, each labelled with its author's role when "
            "at least {k} members share it and its language; the results of "
            "a round by group once it closes; the grievances put on the agenda, never one of a "
            "confidential category."
        ),
        N_(
            "**Cannot learn,** open or closed: who wrote, voted, filed or answered anything, the "
            "grievances not on the agenda, or the list of the dialogue's members."
        ),
        N_(
            "**The limit:** they sit in the same dialogues. A statement or grievance that names "
            "people or places, or holds details only you know, can tell them who you are: leave "
            "those out. Palabre warns before sending a grievance that seems to hold a phone "
            "number or an e-mail address, and facilitators can remove names from statements."
        ),
    ),
)

PARTICIPANTS = Section(
    "participants",
    N_("Other participants"),
    (
        N_(
            "**Can learn** the same as police and officials: published statements labelled with "
            "a role when {k} share it, results by group, grievances on the agenda. **Cannot "
            "learn:** who wrote, "
            "voted, filed or answered anything. Groups of fewer than {k} people are never shown "
            "apart."
        ),
        N_(
            "**The limit:** a statement from your own group is introduced with “Someone from "
            "your own group said” when at least {k} members share your group and its language; "
            "with details only you know, that can still be enough to guess who you are."
        ),
    ),
)

PHONE = Section(
    "phone",
    N_("Whoever takes a participant's phone"),
    (
        N_(
            "**Can learn:** the chat with the bot, as Telegram keeps it: the questions, the "
            "statements and results sent to you, and anything not deleted. That there is a chat "
            "with Palabre at all shows that you take part. With the phone unlocked they can use "
            "Palabre as you: /help shows your dialogue and role; while a round collects "
            "statements, /mystatements shows the ones you wrote; a receipt code left in the chat "
            "leads, with /status, to that grievance's subject, status and reply."
        ),
        N_(
            "**Cannot learn:** your votes (the card says “✔ Vote recorded”), your survey answers, "
            "or your grievances without their codes."
        ),
        N_(
            "**What Palabre does:** it deletes grievance descriptions, typed statements and typed "
            "survey answers from the chat once stored, and the questions of a cancelled "
            "grievance. Under the receipt, “I have noted the code — delete this message” deletes "
            "it (after 48 hours Telegram no longer allows that, and the code is removed from it "
            "instead). **What you can do:** lock Telegram with a passcode, keep receipt codes "
            "off the phone, and delete the chat if your phone may be taken."
        ),
    ),
)

ACTORS = Chapter(
    N_("Who can learn what"),
    (TELEGRAM, OPERATOR, SEIZED, STAFF, FACILITATORS, POLICE, PARTICIPANTS, PHONE),
)

ADVICE = Section(
    "running",
    N_("Advice for those who run Palabre"),
    (
        N_(
            "**Use full-disk encryption** on the server, its swap included, and on every disk "
            "that holds a backup. Deleted key files and zeroed database pages may survive in the "
            "filesystem's journal or in an SSD's wear levelling, and memory can be written to "
            "swap: only encryption protects them from whoever takes the disk."
        ),
        N_(
            "**Put `PALABRE_KEY_DIR` on a RAM disk (tmpfs)** if a seizure is likelier than a "
            "restart: a powered-off server then holds no vote keys at all. The cost: a restart "
            "forgets the vote keys of open rounds, so people who voted before it cannot change "
            "those votes (the bot still keeps them from voting twice)."
        ),
        N_(
            "**Keep backups few, encrypted and short-lived:** each one keeps the links of the "
            "rounds and surveys open when it was made. Let rounds and surveys close on time, "
            "since their links last as long as they are open. Run Palabre under an account of "
            "its own: its files are readable by that account only."
        ),
    ),
)

RUNNING = Chapter(N_("Running the server"), (ADVICE,))
