import fine
