-- Indexes for the status summary and for following links between records:
-- without them, deleting a contact scans every child table once per contact.

CREATE INDEX contacts_by_status ON contacts (status);
CREATE INDEX contacts_by_referrer ON contacts (referred_by);
CREATE INDEX outreach_by_contact ON outreach (contact_id);
CREATE INDEX research_notes_by_contact ON research_notes (contact_id);
CREATE INDEX meetings_by_contact ON meetings (contact_id);
CREATE INDEX questions_by_meeting ON questions (meeting_id, position);
CREATE INDEX follow_ups_by_contact ON follow_ups (contact_id);
CREATE INDEX follow_ups_by_status_due ON follow_ups (status, due_on);
