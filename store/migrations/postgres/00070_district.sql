-- +goose Up
-- Districts (行政区划, GB/T 2260) as tenants of one deployment: a unit
-- belongs to a district; unit names, settings, holiday overrides, reports,
-- unit aliases and column mappings are unique within a district. Everything
-- kept before belongs to the default district 410307 (洛阳市偃师区, the
-- district of the demo; ledger.DefaultDistrict).
ALTER TABLE units ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE units DROP CONSTRAINT units_name_key;
CREATE UNIQUE INDEX units_district_name ON units(district, name);
CREATE INDEX units_district ON units(district);

ALTER TABLE setting ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE setting DROP CONSTRAINT setting_pkey;
ALTER TABLE setting ADD PRIMARY KEY (district, key);

ALTER TABLE holiday ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE holiday DROP CONSTRAINT holiday_pkey;
ALTER TABLE holiday ADD PRIMARY KEY (district, day);

ALTER TABLE holiday_year ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE holiday_year DROP CONSTRAINT holiday_year_pkey;
ALTER TABLE holiday_year ADD PRIMARY KEY (district, year);

ALTER TABLE report_version ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE report_version DROP CONSTRAINT report_version_year_version_key;
ALTER TABLE report_version ADD CONSTRAINT report_version_district_year_version_key UNIQUE (district, year, version);

ALTER TABLE report_figure ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE report_figure DROP CONSTRAINT report_figure_year_fkey;
ALTER TABLE report_figure DROP CONSTRAINT report_figure_pkey;
ALTER TABLE report_publication ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE report_publication DROP CONSTRAINT report_publication_pkey;
ALTER TABLE report_publication ADD PRIMARY KEY (district, year);
ALTER TABLE report_figure ADD PRIMARY KEY (district, year, indicator);
ALTER TABLE report_figure ADD FOREIGN KEY (district, year) REFERENCES report_publication (district, year);

ALTER TABLE unit_alias ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE unit_alias DROP CONSTRAINT unit_alias_pkey;
ALTER TABLE unit_alias ADD PRIMARY KEY (district, alias);

ALTER TABLE import_mapping ADD COLUMN district TEXT NOT NULL DEFAULT '410307';
ALTER TABLE import_mapping DROP CONSTRAINT import_mapping_pkey;
ALTER TABLE import_mapping ADD PRIMARY KEY (district, unit_code, ledger_id, shape);

-- +goose Down
SELECT 1;
