-- Current definition; last set by migrations/0009_registration_snapshot.sql.
-- A registration inserted without its copy (a hand-written insert or script; the load always
-- writes it) takes the producer's details as they stand, which is what registering them means.
-- The WHEN keeps the load's inserts free of any per-row call.
CREATE OR REPLACE FUNCTION registrations_snapshot_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT coalesce(NEW.producer_type, p.producer_type), p.name, coalesce(NEW.contact_name, p.contact_name),
         coalesce(NEW.phone, p.phone), coalesce(NEW.members, p.members), coalesce(NEW.house_no, p.house_no),
         coalesce(NEW.village_no, p.village_no), coalesce(NEW.subdistrict_code, p.subdistrict_code)
    INTO NEW.producer_type, NEW.producer_name, NEW.contact_name, NEW.phone, NEW.members, NEW.house_no, NEW.village_no, NEW.subdistrict_code
    FROM producers p WHERE p.id = NEW.producer_id;
  RETURN NEW;
END $$;
