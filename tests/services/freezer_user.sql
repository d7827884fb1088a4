-- The database user of the tests (tests/services/mariadb.sh and galera.sh): every test
-- database is named freezer_<something>.
CREATE USER IF NOT EXISTS 'freezer'@'%' IDENTIFIED BY 'freezer';
CREATE USER IF NOT EXISTS 'freezer'@'localhost' IDENTIFIED BY 'freezer';
GRANT ALL PRIVILEGES ON `freezer\_%`.* TO 'freezer'@'%';
GRANT ALL PRIVILEGES ON `freezer\_%`.* TO 'freezer'@'localhost';
FLUSH PRIVILEGES;
