"""Trust surveys: instruments as data, answering one, scoring, statistics, trends and schedules.

A survey *wave* sends one instrument to a dialogue's participants on a schedule; each person
answers the items meant for their role; anonymous response records (item id → choice id) are
scored onto 0–100 and summarised per role and wave, with small groups suppressed.

Modules:

- ``items``: the frozen dataclasses (scale, choice, item, instrument);
- ``instruments`` (and ``scales``, its scale tables): loading and validating instrument TOML,
  shipped and a deployment's own;
- ``scoring``: answers onto 0–100 and a respondent's trust index;
- ``stats``: means with Student-t intervals, Wilson intervals for proportions;
- ``trends``: per dialogue, wave and role: response rates, means, changes, perception gaps;
- ``records``: schedules, waves and who takes part in an open wave;
- ``session``: one person's survey in progress, as a JSON-serialisable state machine;
- ``answering``: whether a person may answer a wave now, and what one answer writes;
- ``opening``, ``reminders`` and ``closing``: who a new wave invites, what an open wave needs
  now, and what closing keeps and counts;
- ``cron`` and ``schedules``: when waves fall due (zoneinfo, DST-correct);
- ``waves``: how long a wave stays open and when reminders go out.

Like all of ``flows``, nothing here imports Telegram or a database, reads the clock or draws
random numbers: ``now`` is passed in.
"""
