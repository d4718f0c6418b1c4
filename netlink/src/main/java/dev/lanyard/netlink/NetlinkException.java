package dev.lanyard.netlink;

/**
 * The kernel refused a netlink request. Carries the operation ("add link veth0"), the errno and the
 * kernel's extended-ack message when it gave one (e.g. "Attribute failed policy validation"). When
 * the kernel pointed at the attribute it refused ({@code NLMSGERR_ATTR_OFFS}), {@link #badAttributeOffset}
 * says where, and a protocol layer may name it ({@link #withBadAttribute}).
 */
public final class NetlinkException extends ErrnoException {
  private final String kernelMessage;
  private final int messageIndex;
  private final int badAttributeOffset;
  private final String badAttribute;

  public NetlinkException(String operation, int code, String kernelMessage) {
    this(operation, code, kernelMessage, -1, -1, "");
  }

  /**
   * @param messageIndex which message of the request failed, -1 if unknown
   * @param badAttributeOffset where the refused attribute starts, counted from that message's header; -1 if
   *     the kernel did not say
   * @param badAttribute a name for that attribute, or ""
   */
  public NetlinkException(String operation, int code, String kernelMessage, int messageIndex,
      int badAttributeOffset, String badAttribute) {
    super(operation, code, detail(kernelMessage, badAttribute), null);
    this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
    this.messageIndex = messageIndex;
    this.badAttributeOffset = badAttributeOffset;
    this.badAttribute = badAttribute;
  }

  /** The kernel's extended-ack message, or the empty string when it sent none. */
  public String kernelMessage() {
    return kernelMessage;
  }

  /** The index of the failing message within the request (as written), or -1. */
  public int messageIndex() {
    return messageIndex;
  }

  /** The offset of the attribute the kernel refused within the failing message, or -1. */
  public int badAttributeOffset() {
    return badAttributeOffset;
  }

  /** The refused attribute's name, as a protocol layer gave it, or "". */
  public String badAttribute() {
    return badAttribute;
  }

  /** This error with the refused attribute named (e.g. "NFTA_RULE_CHAIN \"forward\""). */
  public NetlinkException withBadAttribute(String name) {
    NetlinkException named = new NetlinkException(operation(), code(), kernelMessage, messageIndex,
        badAttributeOffset, name);
    named.setStackTrace(getStackTrace());
    return named;
  }

  private static String detail(String kernelMessage, String badAttribute) {
    String text = kernelMessage == null ? "" : kernelMessage;
    if (badAttribute.isEmpty()) {
      return text;
    }
    return (text.isEmpty() ? "" : text + "; ") + "refused attribute " + badAttribute;
  }
}
