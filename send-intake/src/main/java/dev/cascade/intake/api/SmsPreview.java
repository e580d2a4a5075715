package dev.cascade.intake.api;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.content.SmsText;
import dev.cascade.platform.sms.SmsEncoding;
import dev.cascade.schemas.SendRequest;
import java.util.ArrayList;
import java.util.List;

/** How each SMS step of a request will be encoded: {"step":2,"encoding":"GSM7","parts":2,"length":170}. */
public record SmsPreview(int step, String encoding, int parts, int length) {

  public static List<SmsPreview> of(SendRequest request, int maxPartsForConversion) {
    List<SmsPreview> previews = new ArrayList<>();
    for (int i = 0; i < request.getSteps().size(); i++) {
      if (ChannelCatalogue.of(request.getSteps().get(i).getChannel()).segmentedText()) {
        var info = SmsEncoding.analyze(SmsText.of(request.getSteps(), i, maxPartsForConversion));
        previews.add(new SmsPreview(i, info.encoding().name(), info.parts(), info.length()));
      }
    }
    return previews;
  }
}
