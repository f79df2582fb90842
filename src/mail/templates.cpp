// Mail texts; see templates.hpp.
#include "mail/templates.hpp"

#include <fmt/format.h>

namespace village::mail::templates {

namespace {

// A whole HTML document: a simple, narrow column that reads well on a phone, inline styles
// only (mail clients drop style sheets), and the settings link in the footer.
std::string page(std::string_view title, std::string_view body_html, std::string_view base_url,
                 std::string_view extra_footer_html = {}) {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>{0}</title></head>\n"
        "<body style=\"margin:0;padding:16px;font-family:system-ui,sans-serif;font-size:16px;"
        "line-height:1.5;color:#1f2933;background:#ffffff\">\n"
        "<div style=\"max-width:560px;margin:0 auto\">\n{1}\n"
        "<hr style=\"border:none;border-top:1px solid #d9dee3;margin:24px 0 12px\">\n"
        "<p style=\"font-size:13px;color:#52606d\">Sent by Village. "
        "<a href=\"{2}/settings\" style=\"color:#52606d\">Your mail settings</a>{3}</p>\n"
        "</div></body></html>\n",
        escape_html(title), body_html, escape_html(base_url), extra_footer_html);
}

std::string button(std::string_view link, std::string_view label) {
    return fmt::format(
        "<p><a href=\"{}\" style=\"display:inline-block;padding:12px 20px;background:#1d4ed8;"
        "color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600\">{}</a></p>",
        escape_html(link), escape_html(label));
}

std::string text_footer(std::string_view base_url) {
    return fmt::format("\n-- \nSent by Village. Your mail settings: {}/settings\n", base_url);
}

std::string date_text(Millis at) {
    return iso8601(at).substr(0, 10);
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

Content sign_in_link(std::string_view base_url, std::string_view name, std::string_view link,
                     int valid_minutes) {
    Content c;
    c.subject = "Your sign-in link for Village";
    c.text = fmt::format(
        "Hello {},\n\nOpen this link to sign in to Village:\n\n{}\n\nIt works once, for the "
        "next {} minutes. If you did not ask for it, ignore this mail: nobody can sign in "
        "without the link.\n{}",
        name, link, valid_minutes, text_footer(base_url));
    c.html = page(c.subject,
                  fmt::format("<p>Hello {},</p><p>Open this link to sign in to Village:</p>{}"
                              "<p style=\"font-size:14px;color:#52606d\">It works once, for the "
                              "next {} minutes. If you did not ask for it, ignore this mail: "
                              "nobody can sign in without the link.</p>",
                              escape_html(name), button(link, "Sign in to Village"), valid_minutes),
                  base_url);
    return c;
}

Content invitation(std::string_view base_url, std::string_view invitee_name,
                   std::string_view inviter_name, std::string_view link, Millis expires_at) {
    Content c;
    c.subject = fmt::format("{} invites you to Village", inviter_name);
    c.text = fmt::format(
        "Hello {},\n\n{} invites you to Village, where your training community's noticeboards, "
        "teaching days and news are in one place.\n\nJoin here (no password needed):\n\n{}\n\n"
        "The link works until {}.\n{}",
        invitee_name, inviter_name, link, date_text(expires_at), text_footer(base_url));
    c.html = page(
        c.subject,
        fmt::format("<p>Hello {},</p><p>{} invites you to Village, where your training "
                    "community's noticeboards, teaching days and news are in one place.</p>{}"
                    "<p style=\"font-size:14px;color:#52606d\">No password needed. The link works "
                    "until {}.</p>",
                    escape_html(invitee_name), escape_html(inviter_name),
                    button(link, "Join Village"), date_text(expires_at)),
        base_url);
    return c;
}

namespace {

// The body shared by digests and notification mails: a greeting, each section with items, a
// button to Village and a way to stop these mails.
Content listing(std::string subject, std::string_view base_url, std::string_view name,
                std::string_view intro, std::vector<DigestSection> const& sections,
                std::string_view unsubscribe_link) {
    Content c;
    c.subject = std::move(subject);
    std::string text = fmt::format("Hello {},\n\n{}\n", name, intro);
    std::string html =
        fmt::format("<p>Hello {},</p><p>{}</p>", escape_html(name), escape_html(intro));
    for (auto const& section : sections) {
        if (section.items.empty()) continue;
        text +=
            fmt::format("\n{}\n{}\n", section.heading, std::string(section.heading.size(), '='));
        html += fmt::format(
            "<h2 style=\"font-size:18px;margin:24px 0 8px\">{}</h2><ul "
            "style=\"padding-left:20px\">",
            escape_html(section.heading));
        for (auto const& item : section.items) {
            text += fmt::format("- {}{}\n  {}\n", item.title,
                                item.detail.empty() ? "" : " (" + item.detail + ")", item.link);
            html += fmt::format("<li style=\"margin-bottom:8px\"><a href=\"{}\">{}</a>{}</li>",
                                escape_html(item.link), escape_html(item.title),
                                item.detail.empty()
                                    ? std::string()
                                    : "<br><span style=\"font-size:14px;color:#52606d\">" +
                                          escape_html(item.detail) + "</span>");
        }
        html += "</ul>";
    }
    text += fmt::format("\nOpen Village: {}/\nStop these mails: {}\n{}", base_url, unsubscribe_link,
                        text_footer(base_url));
    html += button(std::string(base_url) + "/", "Open Village");
    c.text = std::move(text);
    c.html = page(c.subject, html, base_url,
                  fmt::format(" · <a href=\"{}\" style=\"color:#52606d\">Stop these mails</a>",
                              escape_html(unsubscribe_link)));
    return c;
}

}  // namespace

std::string notification_heading(std::string_view kind) {
    if (kind == "mention") return "You were mentioned";
    if (kind == "reply") return "A reply to you";
    if (kind == "assigned") return "Assigned to you";
    if (kind == "comment") return "New comment";
    if (kind == "announcement") return "Announcement";
    return "New card";
}

std::string card_link(std::string_view base_url, std::int64_t board, std::int64_t card) {
    return fmt::format("{}/boards/{}/cards/{}", base_url, board, card);
}

Content digest(std::string_view base_url, std::string_view name, std::string_view period,
               std::vector<DigestSection> const& sections, std::string_view unsubscribe_link) {
    return listing(fmt::format("Your {} Village digest", period), base_url, name,
                   "Here is what is new for you on Village.", sections, unsubscribe_link);
}

Content notices(std::string_view base_url, std::string_view name,
                std::vector<DigestItem> const& items, std::string_view unsubscribe_link) {
    auto subject = items.size() == 1
                       ? items.front().title
                       : fmt::format("{} new notifications on Village", items.size());
    return listing(std::move(subject), base_url, name,
                   items.size() == 1 ? "This just happened on Village."
                                     : "These just happened on Village.",
                   {DigestSection{"For you", items}}, unsubscribe_link);
}

}  // namespace village::mail::templates
