package io.tokensniped.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Geetest-like fixture's server side: values come only from valid work and validate once, for their captcha. */
class GeetestLabTest extends RunningLab {

    static String complete(LabMode mode) throws Exception {
        String lot = LabClient.field(LabClient.post(lab, "/lab/geetest/v4/load", "captcha_id=" + mode.captchaId()
                + "&hostname=127.0.0.1"), "challenge");
        return LabClient.post(lab, "/lab/geetest/v4/verify", "lot_number=" + lot + "&nonce=" + LabClient.work(lot));
    }

    static String validate(String captchaId, String values, String signKey) throws Exception {
        String lot = LabClient.field(values, "lot_number");
        return LabClient.post(lab, "/geetest/v4/validate?captcha_id=" + captchaId, "lot_number=" + lot
                + "&captcha_output=" + LabClient.field(values, "captcha_output") + "&pass_token="
                + LabClient.field(values, "pass_token") + "&gen_time=" + LabClient.field(values, "gen_time")
                + "&sign_token=" + GeetestLab.hmacHex(signKey, lot));
    }

    @Test
    void valuesFromValidWorkValidateExactlyOnce() throws Exception {
        String values = complete(LabMode.PASS);
        String first = validate(LabMode.PASS.captchaId(), values, ChallengeLab.SECRET);
        assertTrue(first.contains("\"result\":\"success\""), first);
        assertTrue(first.contains("\"hostname\":\"127.0.0.1\""), first);
        assertTrue(validate(LabMode.PASS.captchaId(), values, ChallengeLab.SECRET).contains("\"result\":\"fail\""));
    }

    @Test
    void wrongCaptchaWrongKeyOrTamperedOutputFail() throws Exception {
        String values = complete(LabMode.PASS);
        assertTrue(validate(LabMode.SLOW.captchaId(), values, ChallengeLab.SECRET).contains("\"result\":\"fail\""));
        assertTrue(validate(LabMode.PASS.captchaId(), values, "not-the-key").contains("sign_token error"));
        String tampered = values.replace(LabClient.field(values, "gen_time"), "1");
        assertTrue(validate(LabMode.PASS.captchaId(), tampered, ChallengeLab.SECRET).contains("mismatch"));
        assertEquals("success", LabClient.field(validate(LabMode.PASS.captchaId(), values, ChallengeLab.SECRET), "result"),
                "the failed attempts did not spend the values");
    }

    @Test
    void failModeAndUnknownCaptchasGetNothing() throws Exception {
        assertTrue(complete(LabMode.FAIL).contains("verification-failed"));
        assertTrue(LabClient.post(lab, "/lab/geetest/v4/load", "captcha_id=0123456789abcdef0123456789abcdef")
                .contains("invalid captcha_id"));
    }
}
