-- A map file as cxmap schema version 2 wrote it (row versions counted per
-- row, no history or presence), with a little data, for the migration test.
PRAGMA journal_mode = WAL;
CREATE TABLE map (  id INTEGER PRIMARY KEY AUTOINCREMENT,  name TEXT NOT NULL UNIQUE,  persona TEXT NOT NULL DEFAULT '',  scenario TEXT NOT NULL DEFAULT '',  promise TEXT NOT NULL DEFAULT '',  created INTEGER NOT NULL,  updated INTEGER NOT NULL);
CREATE TABLE department (  id INTEGER PRIMARY KEY AUTOINCREMENT,  name TEXT NOT NULL UNIQUE,  label TEXT NOT NULL DEFAULT '',  colour INTEGER NOT NULL DEFAULT 0 CHECK (colour BETWEEN 0 AND 7));
CREATE TABLE stage (  id INTEGER PRIMARY KEY AUTOINCREMENT,  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,  pos INTEGER NOT NULL,  name TEXT NOT NULL,  description TEXT NOT NULL DEFAULT '',  UNIQUE (map_id, pos));
CREATE TABLE touchpoint (  id INTEGER PRIMARY KEY AUTOINCREMENT,  stage_id INTEGER NOT NULL REFERENCES stage(id) ON DELETE CASCADE,  pos INTEGER NOT NULL,  name TEXT NOT NULL,  channel TEXT NOT NULL DEFAULT '',  notes TEXT NOT NULL DEFAULT '',  emotion INTEGER CHECK (emotion BETWEEN -2 AND 2),  metric_name TEXT NOT NULL DEFAULT '',  metric_value TEXT NOT NULL DEFAULT '',  owner_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,  UNIQUE (stage_id, pos));
CREATE INDEX touchpoint_owner ON touchpoint(owner_id);
CREATE TABLE contributor (  touchpoint_id INTEGER NOT NULL    REFERENCES touchpoint(id) ON DELETE CASCADE,  department_id INTEGER NOT NULL    REFERENCES department(id) ON DELETE RESTRICT,  PRIMARY KEY (touchpoint_id, department_id)) WITHOUT ROWID;
CREATE INDEX contributor_department ON contributor(department_id);
CREATE TABLE gap (  id INTEGER PRIMARY KEY AUTOINCREMENT,  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,  stage_id INTEGER REFERENCES stage(id) ON DELETE CASCADE,  touchpoint_id INTEGER REFERENCES touchpoint(id) ON DELETE CASCADE,  description TEXT NOT NULL,  severity INTEGER NOT NULL DEFAULT 1 CHECK (severity BETWEEN 0 AND 2),  status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),  created INTEGER NOT NULL,  CHECK (stage_id IS NULL OR touchpoint_id IS NULL));
CREATE INDEX gap_map ON gap(map_id);
CREATE INDEX gap_stage ON gap(stage_id);
CREATE INDEX gap_touchpoint ON gap(touchpoint_id);
CREATE TABLE silo (  id INTEGER PRIMARY KEY AUTOINCREMENT,  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,  dept_a INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,  dept_b INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,  touchpoint_id INTEGER REFERENCES touchpoint(id) ON DELETE CASCADE,  description TEXT NOT NULL,  status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),  created INTEGER NOT NULL,  CHECK (dept_a <> dept_b));
CREATE INDEX silo_map ON silo(map_id);
CREATE INDEX silo_touchpoint ON silo(touchpoint_id);
CREATE INDEX silo_dept_a ON silo(dept_a);
CREATE INDEX silo_dept_b ON silo(dept_b);
ALTER TABLE map ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stage ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE touchpoint ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
INSERT INTO map VALUES (1, 'Team journey', 'Buyer', 'Renews a plan', 'No surprises', 1700000000, 1700000500, 4);
INSERT INTO department VALUES (1, 'Sales', 'SAL', 0), (2, 'Billing', 'BIL', 1);
INSERT INTO stage VALUES (1, 1, 0, 'Quote', '', 7), (2, 1, 1, 'Invoice', '', 2);
INSERT INTO touchpoint VALUES (1, 1, 0, 'Call', 'phone', '', 1, '', '', 1, 9),
  (2, 2, 0, 'PDF invoice', 'e-mail', 'sent monthly', -1, 'Disputes', '3%', 2, 12);
INSERT INTO contributor VALUES (2, 1);
INSERT INTO silo VALUES (1, 1, 1, 2, 2, 'Quote terms never reach billing', 0, 1700000100);
PRAGMA application_id = 1129860432;
PRAGMA user_version = 2;
