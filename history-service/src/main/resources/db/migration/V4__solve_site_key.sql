-- The widget's key the solve was for (Turnstile siteKey or Geetest captchaId), shown in the solve's detail.
alter table solve add column site_key varchar(255);
