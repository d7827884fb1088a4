-- sqlalchemy-migrate 002 of freezer-api <= 13.0.0: on MySQL, actions.mode becomes actionmode
-- (SQLite databases were created with actionmode already).
/*mysql*/ ALTER TABLE actions CHANGE `mode` actionmode VARCHAR(255) NULL;
