package dev.cascade.workers.provider;

import dev.cascade.platform.channels.ContentKind;
import dev.cascade.schemas.ChannelCommand;
import java.util.List;
import java.util.Set;

/**
 * The command carries content this provider cannot express (e.g. a rich card to WhatsApp). The
 * attempt is rejected as {@code INVALID_COMMAND} so that the message moves on; nothing is retried.
 */
public final class UnsupportedContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnsupportedContentException(String message) {
    super(message);
  }

  /** Throws unless the command carries exactly one kind of content, one of {@code expressible}. */
  public static void requireOneOf(
      ChannelCommand command, String provider, Set<ContentKind> expressible) {
    List<ContentKind> kinds =
        command.getContent() == null ? List.of() : ContentKind.of(command.getContent());
    if (kinds.size() != 1 || !expressible.contains(kinds.getFirst())) {
      throw new UnsupportedContentException(
          provider + " cannot send " + (kinds.isEmpty() ? "no content" : kinds) + " on "
              + command.getChannel() + "; it sends " + expressible);
    }
  }
}
