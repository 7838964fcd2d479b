"""Files a student takes out of infoview: spreadsheets, a backup, a calendar."""
