-- The outbox holds typed notices (flows/notices.py): their fields are named after what they
-- hold. Rewrite the payloads written before, whatever their state.

UPDATE outbox SET payload = json_object('round_id', json_extract(payload, '$.round'))
WHERE kind IN ('round_prompt', 'moderation_ready', 'vote_next', 'round_results')
  AND json_extract(payload, '$.round') IS NOT NULL;

-- dedupe: check:<action>:<person>:<YYYY-MM-DD>
UPDATE outbox SET payload = json_object(
    'action_id', json_extract(payload, '$.action'),
    'day', substr(dedupe, -10)
)
WHERE kind = 'action_check' AND json_extract(payload, '$.action') IS NOT NULL;

UPDATE outbox SET payload = json_object('action_id', json_extract(payload, '$.action'))
WHERE kind = 'action_done' AND json_extract(payload, '$.action') IS NOT NULL;

UPDATE outbox SET payload = json_object('wave_id', json_extract(payload, '$.wave'))
WHERE kind = 'survey_invite' AND json_extract(payload, '$.wave') IS NOT NULL;

UPDATE outbox SET payload = json_object(
    'wave_id', json_extract(payload, '$.wave'),
    'number', json_extract(payload, '$.number')
)
WHERE kind = 'survey_reminder' AND json_extract(payload, '$.wave') IS NOT NULL;

-- dedupe: alert:<dialogue>:<YYYY-MM-DD>:<category>:<area>:<person>
UPDATE outbox SET payload = json_object(
    'dialogue_id', json_extract(payload, '$.dialogue'),
    'day', substr(dedupe, length('alert:' || json_extract(payload, '$.dialogue') || ':') + 1, 10),
    'category', json_extract(payload, '$.category'),
    'area', json_extract(payload, '$.area'),
    'reasons', json(coalesce(json_extract(payload, '$.reasons'), '[]')),
    'count', json_extract(payload, '$.count')
)
WHERE kind = 'grievance_alert' AND json_extract(payload, '$.dialogue') IS NOT NULL;
