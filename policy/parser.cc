#include "policy/parser.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <vector>

namespace freezer::policy {
namespace {

enum class TokenKind { kOpen, kClose, kAnd, kOr, kNot, kCheck };

struct Token {
  TokenKind kind;
  std::string text;
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_quoted(std::string_view text) {
  return text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
         text.back() == text.front();
}

// Like oslo's _parse_tokenize: split on whitespace, then peel parentheses off the ends of
// each word only, so the parentheses inside `%(project_id)s` stay part of the check.
std::vector<Token> tokenize(std::string_view rule_text) {
  std::vector<Token> tokens;
  std::size_t position = 0;
  while (position < rule_text.size()) {
    if (std::isspace(static_cast<unsigned char>(rule_text[position]))) {
      ++position;
      continue;
    }
    std::size_t end = position;
    while (end < rule_text.size() && !std::isspace(static_cast<unsigned char>(rule_text[end]))) {
      ++end;
    }
    std::string_view word = rule_text.substr(position, end - position);
    position = end;

    while (!word.empty() && word.front() == '(') {
      tokens.push_back({TokenKind::kOpen, "("});
      word.remove_prefix(1);
    }
    std::size_t closing = 0;
    while (!word.empty() && word.back() == ')') {
      ++closing;
      word.remove_suffix(1);
    }
    if (!word.empty()) {
      const std::string lowered = lower(word);
      if (lowered == "and") {
        tokens.push_back({TokenKind::kAnd, std::string(word)});
      } else if (lowered == "or") {
        tokens.push_back({TokenKind::kOr, std::string(word)});
      } else if (lowered == "not") {
        tokens.push_back({TokenKind::kNot, std::string(word)});
      } else {
        tokens.push_back({TokenKind::kCheck, std::string(word)});
      }
    }
    tokens.insert(tokens.end(), closing, Token{TokenKind::kClose, ")"});
  }
  return tokens;
}

// Turns one check word (`role:admin`, `project_id:%(project_id)s`, `@`) into a check.
// Throws std::invalid_argument; the caller adds the rule name.
CheckPtr make_check(const std::string& word) {
  if (word == "@") return std::make_unique<AlwaysCheck>();
  if (word == "!") return std::make_unique<NeverCheck>();
  const std::size_t colon = word.find(':');
  if (colon == std::string::npos) {
    throw std::invalid_argument("unknown token \"" + word + "\" (a check is KIND:VALUE)");
  }
  const std::string kind = word.substr(0, colon);
  const std::string value = word.substr(colon + 1);
  if (kind.empty() || value.empty()) {
    throw std::invalid_argument("check \"" + word + "\" needs text on both sides of ':'");
  }
  if (kind == "rule") return std::make_unique<RuleCheck>(value);
  if (kind == "role") return std::make_unique<RoleCheck>(TargetTemplate::parse(value));
  if (kind == "http" || kind == "https") {
    // Denying silently would surprise an operator who relies on a remote decision.
    throw std::invalid_argument("remote checks (\"" + word + "\") are not supported");
  }
  TargetTemplate expected = is_quoted(value)
                                ? TargetTemplate::literal(value.substr(1, value.size() - 2))
                                : TargetTemplate::parse(value);
  if (is_quoted(kind)) {
    return std::make_unique<LiteralMatchCheck>(kind.substr(1, kind.size() - 2),
                                               std::move(expected));
  }
  return std::make_unique<GenericCheck>(kind, std::move(expected));
}

// Recursive descent over the grammar
//   or_expr  := and_expr ("or" and_expr)*
//   and_expr := unary ("and" unary)*
//   unary    := "not" unary | "(" or_expr ")" | CHECK
// which gives the same trees as oslo's shift-reduce parser for every rule it accepts.
class Parser {
  // Bounds the recursion so that a pathological rule fails to parse instead of
  // overflowing the stack.
  static constexpr int kMaxNesting = 100;

  class NestingGuard {
   public:
    explicit NestingGuard(int& nesting) : nesting_(nesting) {
      if (++nesting_ > kMaxNesting) throw std::invalid_argument("the rule is nested too deeply");
    }
    ~NestingGuard() { --nesting_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    int& nesting_;
  };

 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  CheckPtr parse_whole_rule() {
    CheckPtr result = parse_or();
    if (!at_end()) {
      const Token& extra = tokens_[next_];
      if (extra.kind == TokenKind::kClose) {
        throw std::invalid_argument("unbalanced parentheses: unexpected ')'");
      }
      throw std::invalid_argument("expected 'and' or 'or' before \"" + extra.text + "\"");
    }
    return result;
  }

 private:
  bool at_end() const { return next_ >= tokens_.size(); }
  bool next_is(TokenKind kind) const { return !at_end() && tokens_[next_].kind == kind; }

  CheckPtr parse_or() {
    std::vector<CheckPtr> operands;
    operands.push_back(parse_and());
    while (next_is(TokenKind::kOr)) {
      ++next_;
      operands.push_back(parse_and());
    }
    if (operands.size() == 1) return std::move(operands.front());
    return std::make_unique<OrCheck>(std::move(operands));
  }

  CheckPtr parse_and() {
    std::vector<CheckPtr> operands;
    operands.push_back(parse_unary());
    while (next_is(TokenKind::kAnd)) {
      ++next_;
      operands.push_back(parse_unary());
    }
    if (operands.size() == 1) return std::move(operands.front());
    return std::make_unique<AndCheck>(std::move(operands));
  }

  CheckPtr parse_unary() {
    if (at_end()) {
      const std::string after = next_ == 0 ? "" : " after \"" + tokens_[next_ - 1].text + "\"";
      throw std::invalid_argument("the rule ends where a check was expected" + after);
    }
    const Token& token = tokens_[next_++];
    switch (token.kind) {
      case TokenKind::kNot: {
        NestingGuard guard(nesting_);
        return std::make_unique<NotCheck>(parse_unary());
      }
      case TokenKind::kOpen: {
        NestingGuard guard(nesting_);
        CheckPtr inner = parse_or();
        if (!next_is(TokenKind::kClose)) {
          throw std::invalid_argument("unbalanced parentheses: missing ')'");
        }
        ++next_;
        return inner;
      }
      case TokenKind::kCheck:
        return make_check(token.text);
      case TokenKind::kClose:
      case TokenKind::kAnd:
      case TokenKind::kOr:
        break;
    }
    throw std::invalid_argument("expected a check but found \"" + token.text + "\"");
  }

  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  int nesting_ = 0;
};

}  // namespace

CheckPtr parse_rule(std::string_view rule_name, std::string_view rule_text) {
  if (rule_text.empty()) return std::make_unique<AlwaysCheck>();
  try {
    std::vector<Token> tokens = tokenize(rule_text);
    if (tokens.empty()) {
      throw std::invalid_argument("the rule is blank (use \"\" to allow everyone)");
    }
    return Parser(std::move(tokens)).parse_whole_rule();
  } catch (const std::invalid_argument& e) {
    throw PolicyError("policy rule \"" + std::string(rule_name) + "\" = \"" +
                      std::string(rule_text) + "\": " + e.what());
  }
}

}  // namespace freezer::policy
