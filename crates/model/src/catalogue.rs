//! The message catalogue: what xxgk says to a person, in Chinese (the default) and English.
//!
//! Two kinds of text reach a reader:
//! - fixed words and phrases (severities, statuses, column headers, sheet names, the summary
//!   line, error frames): one [`Text`] each, listed once below, so that a translation is
//!   never missing and the two languages can be checked side by side;
//! - messages built where the fact is known (a finding, the detail of a read error): a
//!   [`Msg`] holds both languages, written together at that one place.
//!
//! Text that is not ours — a library's error, a file name, the report's own words — is shown
//! as it is; a foreign library message inside a Chinese sentence is quoted as
//! `（原文：…）` ([`Msg::quoting`]) so that a reader knows why it is in another language.
//!
//! Templates use `{}` for their arguments, in order ([`Text::fill`]).

use crate::Lang;
use std::fmt;

/// A message in both languages. `Display` shows the English (for logs and library users who
/// print errors directly); [`Msg::get`] picks the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Msg {
    zh: String,
    en: String,
}

impl Msg {
    /// A message written in both languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A message from a catalogue entry, filled with `args`.
    pub fn from_text(text: Text, args: &[&dyn fmt::Display]) -> Msg {
        Msg::new(text.fill(Lang::Zh, args), text.fill(Lang::En, args))
    }

    /// A message around a library's own (English) text: `zh` and `en` are the frame, ending
    /// where the library's words follow; in Chinese they are quoted as the original text.
    pub fn quoting(zh: &str, en: &str, original: impl fmt::Display) -> Msg {
        let original = original.to_string();
        Msg::new(
            format!("{zh}（原文：{original}）"),
            format!("{en}: {original}"),
        )
    }

    /// What an I/O error means for a reader: the common kinds in words, others quoted.
    pub fn io(e: &std::io::Error) -> Msg {
        let text = match e.kind() {
            std::io::ErrorKind::NotFound => Text::IoNotFound,
            std::io::ErrorKind::PermissionDenied => Text::IoDenied,
            std::io::ErrorKind::IsADirectory => Text::IoIsDir,
            _ => return Msg::quoting("系统报错", "the system says", e),
        };
        Msg::from_text(text, &[])
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident: $zh:literal, $en:literal;)*) => {
        /// A fixed word or phrase of the user interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Text {
            $($(#[$doc])* $name,)*
        }

        impl Text {
            /// Every entry, for checks over the whole catalogue.
            pub const ALL: &'static [Text] = &[$(Text::$name,)*];

            /// The text in `lang` (a template may hold `{}` placeholders: see [`Text::fill`]).
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Text::$name, Lang::Zh) => $zh, (Text::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

impl Text {
    /// The template in `lang` with each `{}` replaced by the next argument.
    pub fn fill(self, lang: Lang, args: &[&dyn fmt::Display]) -> String {
        let mut out = String::new();
        let mut args = args.iter();
        let mut parts = self.get(lang).split("{}").peekable();
        while let Some(part) = parts.next() {
            out.push_str(part);
            if parts.peek().is_some() {
                if let Some(a) = args.next() {
                    out.push_str(&a.to_string());
                }
            }
        }
        out
    }
}

catalogue! {
    // Severities and origins of findings.
    /// An error-level finding.
    Error: "错误", "error";
    /// A warning-level finding.
    Warning: "警告", "warning";
    /// An info-level finding.
    Info: "提示", "info";
    /// A finding about the report itself.
    OriginSource: "报告", "report";
    /// A finding about xxgk's reading of the report.
    OriginExtraction: "提取", "extraction";

    // Statuses of an input in a batch (the manifest keeps the English keys).
    /// Read, no finding at warning level or above.
    StatusOk: "正常", "ok";
    /// Read, with findings.
    StatusFindings: "有问题", "with findings";
    /// Not read.
    StatusFailed: "失败", "failed";
    /// Not a report, or not a file to read.
    StatusSkipped: "跳过", "skipped";
    /// A scan: pages are images.
    StatusScanned: "扫描件", "scanned";
    /// A copy of a report read earlier in the batch (D1): the first in input order is kept.
    StatusDuplicate: "重复", "duplicate";

    // The three tables.
    /// Table 二.
    TableActive: "表二（主动公开）", "table 2 (active disclosure)";
    /// Table 三.
    TableApplications: "表三（收到和处理申请）", "table 3 (requests)";
    /// Table 四.
    TableReviewLitigation: "表四（行政复议、行政诉讼）", "table 4 (review and litigation)";

    // `xxgk check` text output.
    /// Header line of one report: file, agency, year, format version, adapter.
    CheckHeader: "{}：{} {}（{}，{}）", "{}: {} {} ({}, {})";
    /// Format version 2021.
    Format2021: "2021版格式", "2021 format";
    /// Format version 2019.
    Format2019: "2019版格式", "2019 format";
    /// Format version not known.
    FormatUnknown: "格式未知", "unknown format";
    /// Unknown agency or year.
    Unknown: "？", "?";
    /// Counts line of one report.
    CheckCounts: "共 {} 个错误、{} 个警告、{} 个提示", "{} errors, {} warnings, {} info";
    /// `check` over several files: the heading of the findings across them.
    CheckAcross: "跨报告检查（同一机关各年度、同年度各机关）：", "Across the reports (one agency's years, one year's agencies):";
    /// Marks a finding about xxgk's reading.
    ExtractionMark: "［提取］", "[extraction]";
    /// A file and what is wrong with it.
    NamedReason: "{}：{}", "{}: {}";
    /// A FIFO, socket or device among the inputs.
    NotRegularFile: "不是普通文件（管道、套接字或设备）：不读取",
        "not a regular file (a FIFO, socket or device): not read";
    /// The totals of a `check` over several files.
    CheckTotals: "共 {} 个文件：{} 个有错误，{} 个无法读取，{} 个跳过",
        "{} files: {} with errors, {} unreadable, {} skipped";
    /// A file written on success (`render`, `check --html`).
    Wrote: "已写出 {}", "wrote {}";
    /// A file `check` did not check, with why.
    CheckSkipped: "{}：{}（{}）", "{}: {} ({})";

    // `xxgk compare`.
    /// The first report compared: its file and who.
    CompareFirst: "第一份：{}：{}", "first: {}: {}";
    /// The second report compared.
    CompareSecond: "第二份：{}：{}", "second: {}: {}";
    /// Both reports are one agency's (its key).
    CompareSameAgency: "同一机关（{}）", "the same agency ({})";
    /// The reports are two agencies'.
    CompareOtherAgency: "不是同一机关", "two different agencies";
    /// Counts of differing and equal values.
    CompareValues: "数值不同 {} 个，相同 {} 个", "{} values differ, {} are equal";
    /// A value not shown by a report.
    CompareBlank: "空", "blank";
    /// The heading of the sections' shares.
    CompareSections: "各部分文字相同的比例：", "how much of each section is the same:";
    /// One section's share.
    CompareSection: "第{}部分 {}%", "section {} {}%";
    /// `compare --html`: the page's title.
    CompareTitle: "两份报告对比", "Two reports compared";
    /// `compare --html`: the toggle hiding equal values.
    CompareOnlyDiffering: "只看不同的数值", "only the values that differ";
    /// `compare --html`: what the marked text means.
    CompareMarked: "底色标出的文字两份报告都有（连续5个字以上相同）。", "Highlighted text is in both reports (runs of 5 characters or more).";
    /// `compare --html`: a section one report does not have.
    CompareNoSection: "（无此部分）", "(no such section)";

    // The command line's own words (clap's are English).
    /// Heading of the commands in `--help`.
    CliCommands: "命令", "Commands";
    /// Heading of the options in `--help`.
    CliOptions: "选项", "Options";
    /// Heading of the arguments in `--help`.
    CliArguments: "参数", "Arguments";
    /// The usage line.
    CliUsage: "用法：{}", "usage: {}";
    /// Where to read more.
    CliMore: "详见 {} --help", "see {} --help";
    /// Required arguments missing.
    CliMissing: "缺少必需的参数：{}", "missing required arguments: {}";
    /// A value not among those allowed.
    CliInvalidValue: "参数 {} 的值“{}”无效，可选：{}", "{} takes no value '{}'; possible values: {}";
    /// An argument the command does not take.
    CliUnknownArgument: "不认识的参数：{}", "unknown argument: {}";
    /// A command that does not exist.
    CliUnknownCommand: "没有命令“{}”；可用的命令：{}", "no command '{}'; the commands are: {}";
    /// No command given.
    CliNoCommand: "请给出一个命令：{}", "give a command: {}";
    /// Two arguments that exclude each other.
    CliConflict: "参数 {} 不能与 {} 一起使用", "{} cannot be used with {}";
    /// Any other usage error, with clap's own words quoted.
    CliOther: "命令行参数有误", "bad command line";
    /// The help flag.
    CliHelp: "显示帮助", "print help";
    /// The version flag.
    CliVersion: "显示版本", "print version";

    // `xxgk batch`.
    /// The summary line.
    BatchSummary: "文件 {}，正常 {}，有问题 {}，重复 {}，失败 {}，跳过 {}，扫描件 {}，OCR 识别 {}，用时 {} 秒",
        "files {}, ok {}, with findings {}, duplicates {}, failed {}, skipped {}, scanned {}, recognised by OCR {}, {} seconds";
    /// One failed input on stderr.
    BatchFailed: "失败：{}：{}", "failed: {}: {}";
    /// More failed inputs than stderr lists.
    BatchMoreFailed: "……另有 {} 个输入失败（manifest.csv 列出全部）",
        "… and {} more failed inputs (manifest.csv lists them all)";
    /// The progress bar on a terminal (an indicatif template: `{pos}` etc. are its own).
    ProgressBar: "{bar:40} {pos}/{len} 个文件 {per_sec} 剩余 {eta}",
        "{bar:40} {pos}/{len} files {per_sec} eta {eta}";
    /// A progress line when stderr is not a terminal.
    ProgressLine: "xxgk batch：{}/{} 个文件", "xxgk batch: {}/{} files";
    /// Why a scan is counted apart.
    ScannedReason: "扫描件：页面是没有文字层的图片，需要文字识别（OCR）：安装 tesseract-ocr 和 tesseract-ocr-chi-sim 后 xxgk 会自动识别",
        "scanned: the pages are images with no text layer; reading them needs OCR: install tesseract-ocr and tesseract-ocr-chi-sim and xxgk recognises them";
    /// The file a crashed batch was reading.
    StoppedOn: "读取此文件时批处理中断（崩溃或被终止）",
        "the reader stopped on this file (the batch crashed or was killed while reading it)";
    /// Folder in use by another batch.
    Busy: "{} 正由另一个 xxgk batch 使用（进程 {}）；请等它结束或另选文件夹",
        "{} is in use by another xxgk batch (process {}); wait for it or choose another folder";
    /// The dataset could not be written.
    CannotWrite: "无法写入 {}", "cannot write {}";

    // The workbook xxgk.xlsx: sheets and column headers.
    /// Sheet of counts.
    SheetSummary: "汇总", "Summary";
    /// Sheet of inputs.
    SheetFiles: "文件", "Files";
    /// Sheet of findings.
    SheetFindings: "问题清单", "Findings";
    /// Column: the input.
    ColFile: "文件", "File";
    /// Column: the format read.
    ColFormat: "格式", "Format";
    /// Column: the status.
    ColStatus: "状态", "Status";
    /// Column: why it failed or was skipped.
    ColReason: "原因", "Reason";
    /// Column: the agency.
    ColAgency: "机关", "Agency";
    /// Column: the year.
    ColYear: "年度", "Year";
    /// Column: count of errors.
    ColErrors: "错误", "Errors";
    /// Column: count of warnings.
    ColWarnings: "警告", "Warnings";
    /// Column: rule id.
    ColRule: "规则", "Rule";
    /// Column: severity.
    ColSeverity: "级别", "Severity";
    /// Column: report or extraction.
    ColOrigin: "来源", "Origin";
    /// Column: table.
    ColTable: "表", "Table";
    /// Column: row.
    ColRow: "行", "Row";
    /// Column: column.
    ColColumn: "列", "Column";
    /// Column: place in the file.
    ColLocation: "位置", "Location";
    /// Column: the value that makes the rule hold.
    ColExpected: "应为", "Expected";
    /// Column: the value found.
    ColFound: "实为", "Found";
    /// Column: the message.
    ColMessage: "说明", "Message";
    /// Column: a number.
    ColValue: "数值", "Value";
    /// Sheet of where each agency stands.
    SheetCompare: "对比", "Compare";
    /// Column: the agency's kind (government of a province, city, county…, or department).
    ColLevel: "机关层级", "Level";
    /// Column: agencies of the same level and year in the batch.
    ColPeers: "同级机关数", "Peers";
    /// Column: the agency's report of the year before.
    ColPreviousFile: "上年报告", "Last year's report";
    /// Column suffix: the same figure last year.
    ColPrevious: "上年", "last year";
    /// Column suffix: the percentile among peers.
    ColPercentile: "百分位", "percentile";
    /// The summary sheet's count of inputs.
    SummaryFiles: "文件", "files";
    /// Reports recognised by OCR, in a batch's summary.
    SummaryRecognised: "其中 OCR 识别", "of which recognised by OCR";
    /// Marks text cut at Excel's cell limit.
    CutMark: "…［截断：全文见 CSV/SQLite 文件］", "…[cut: the whole text is in the CSV/SQLite files]";

    // Read errors: the frame around their detail.
    /// Not this adapter's format.
    ErrNotThisFormat: "不是{}文件：{}", "not a {} file: {}";
    /// Password-protected.
    ErrEncrypted: "{}文件已加密（有密码保护）；请另存为无密码的文件",
        "the {} file is encrypted (password-protected); save it without a password";
    /// Damaged.
    ErrCorrupt: "{}文件已损坏：{}", "the {} file is corrupt: {}";
    /// Over a limit.
    ErrLimit: "超出限制：{}（限制 {}）", "limit exceeded: {} (limit {})";
    /// A format xxgk does not read.
    ErrUnsupported: "不支持的格式：{}", "unsupported format: {}";
    /// Text that cannot be decoded.
    ErrEncoding: "无法解码文本：{}", "cannot decode text: {}";
    /// No adapter recognises the content.
    ErrUnknownFormat: "{}：不是 xxgk 能读取的格式（{}）", "{}: not a format xxgk reads ({})";
    /// The file cannot be read from disk.
    ErrIo: "{}：无法读取文件：{}", "{}: cannot read file: {}";
    /// The file does not exist.
    IoNotFound: "文件不存在", "no such file";
    /// No permission.
    IoDenied: "没有读取权限", "permission denied";
    /// A folder was given where a file is read.
    IoIsDir: "这是文件夹，不是文件", "it is a folder, not a file";

    // The review page (report.html): its headings, labels and buttons.
    /// The review page: “标题”.
    PageTitle: "标题", "Title";
    /// The review page: “统计期限”.
    PagePeriod: "统计期限", "Period";
    /// The review page: “网址”.
    PageWebsite: "网址", "Website";
    /// The review page: “电话”.
    PagePhone: "电话", "Phone";
    /// The review page: “地址”.
    PageAddress: "地址", "Address";
    /// The review page: “读取方式”.
    PageReadBy: "读取方式", "Read by";
    /// The review page: “已识别部分”.
    PageSectionsFound: "已识别部分", "Sections found";
    /// The review page: “审查结果”.
    PageReview: "审查结果", "Review";
    /// The review page: “政府信息公开工作年度报告审查结果”.
    PageAnnualReportReview: "政府信息公开工作年度报告审查结果", "Annual report review";
    /// The review page: “概览”.
    PageSummary: "概览", "Summary";
    /// The review page: “问题清单”.
    PageIssues: "问题清单", "Issues";
    /// The review page: “报告列表”.
    PageReports: "报告列表", "Reports";
    /// The review page: “机关排名”.
    PageRanking: "机关排名", "Ranking";
    /// The review page: “连续性”.
    PageContinuity: "连续性", "Continuity";
    /// The review page: “原文”.
    PageSourceText: "原文", "source text";
    /// The review page: “原文空白”.
    PageBlankInTheSource: "原文空白", "blank in the source";
    /// The review page: “原文未找到”.
    PageNotFoundInTheSource: "原文未找到", "not found in the source";
    /// The review page: “应为”.
    PageExpected: "应为", "expected";
    /// The review page: “实为”.
    PageFound: "实为", "found";
    /// The review page: “未发现问题”.
    PageNoFindings: "未发现问题", "no findings";
    /// The review page: “未能读取”.
    PageCouldNotBeRead: "未能读取", "could not be read";
    /// The review page: “已跳过（不是年度报告）”.
    PageSkippedNotAnAnnualReport: "已跳过（不是年度报告）", "skipped (not an annual report)";
    /// The review page: “扫描件（图像，需要 OCR）”.
    PageScannedImagesNeedsOCR: "扫描件（图像，需要 OCR）", "scanned (images; needs OCR)";
    /// The review page: “问题”.
    PageFindings: "问题", "Findings";
    /// The review page: “位置”.
    PagePlace: "位置", "place";
    /// The review page: “返回问题清单”.
    PageBackToTheIssueList: "返回问题清单", "back to the issue list";
    /// The review page: “没有符合条件的问题”.
    PageNoFindingMatches: "没有符合条件的问题", "no finding matches";
    /// The review page: “本批次没有这一项：”.
    PageNotInThisBatch: "本批次没有这一项：", "not in this batch: ";
    /// The review page: “错误”.
    PageErrors: "错误", "errors";
    /// The review page: “警告”.
    PageWarnings: "警告", "warnings";
    /// The review page: “未发现问题。”.
    PageNoFindingsSentence: "未发现问题。", "No findings.";
    /// The review page: “各规则问题数”.
    PageFindingsPerRule: "各规则问题数", "Findings per rule";
    /// The review page: “问题最多的机关”.
    PageAgenciesWithMostFindings: "问题最多的机关", "Agencies with most findings";
    /// The review page: “说明”.
    PageChecks: "说明", "Checks";
    /// The review page: “提示”.
    PageInfo: "提示", "Info";
    /// The review page: “问题清单”.
    PageIssueList: "问题清单", "Issue list";
    /// The review page: “搜索”.
    PageSearch: "搜索", "Search";
    /// The review page: “显示提示级别”.
    PageShowInfo: "显示提示级别", "show info";
    /// The review page: “全部”.
    PageAll: "全部", "all";
    /// The review page: “位置”.
    PagePlaceHeader: "位置", "Place";
    /// The review page: “机关排名（按错误数）”.
    PageAgenciesByErrorCount: "机关排名（按错误数）", "Agencies by error count";
    /// The review page: “名次”.
    PageRank: "名次", "Rank";
    /// The review page: “报告数”.
    PageReportCount: "报告数", "Reports";
    /// The review page: “连续性：上年结转下年度与本年上年结转”.
    PageContinuityCarriedForwardYearN1: "连续性：上年结转下年度与本年上年结转", "Continuity: carried forward (year N−1) vs carried over (year N)";
    /// The review page: “本批次没有同一机关相邻年度的报告。”.
    PageNoAgencyHasReportsForConsecutive: "本批次没有同一机关相邻年度的报告。", "No agency has reports for consecutive years in this batch.";
    /// `xxgk serve`: the page title.
    ServeTitle: "年报检查台", "Annual report workbench";
    /// `xxgk serve`: the drop zone.
    ServeDrop: "把草稿拖到这里：文件、文件夹或 zip 压缩包", "Drop drafts here: files, folders or zip archives";
    /// `xxgk serve`: pick files.
    ServePickFiles: "选择文件", "Choose files";
    /// `xxgk serve`: pick a folder.
    ServePickFolder: "选择文件夹", "Choose a folder";
    /// `xxgk serve`: the downloads.
    ServeDownloads: "下载数据集：", "Download the dataset:";
    /// `xxgk serve`: reading, with done and total.
    ServeReading: "正在读取", "Reading";
    /// `xxgk serve`: uploading.
    ServeUploading: "正在上传", "Uploading";
    /// `xxgk serve`: an upload refused.
    ServeRefused: "未能上传", "Not uploaded";
    /// `xxgk serve`: nothing read yet.
    ServeEmpty: "还没有文件。把草稿拖进来即可开始检查。", "No files yet. Drop drafts here to check them.";
    /// `xxgk serve`: a request whose Host is not this server.
    ServeWrongHost: "拒绝：请求的主机名不是本检查台（Host 头不符）", "refused: the request is not addressed to this server (Host header)";
    /// `xxgk serve`: a request without the token.
    ServeNoToken: "拒绝：缺少访问令牌。请用启动时显示的完整网址打开。", "refused: no access token. Open the full address shown at start.";
    /// `xxgk serve`: a change without the page's CSRF token or from another origin.
    ServeNoCsrf: "拒绝：修改请求必须来自检查台页面", "refused: a change must come from the workbench page";
    /// `xxgk serve`: no such file.
    ServeNotFound: "没有这个文件", "no such file";
    /// `xxgk serve`: too many originals or exports asked for at once.
    ServeBusy: "正在处理其他请求，请稍后再试", "busy with other requests; try again in a moment";
    /// `xxgk serve`: taking back a correction that was never made.
    ServeNothingToUndo: "此值没有可撤销的更正", "this value has no correction to take back";
    /// `xxgk serve`: an upload path with nothing usable.
    ServeBadPath: "文件名无效", "invalid file name";
    /// `xxgk serve`: an upload over the limit.
    ServeTooLarge: "文件超过大小上限", "the file is over the size limit";
    /// `xxgk serve`: the line printed at start, with the address.
    ServeListening: "检查台已启动，请在浏览器中打开：{}", "The workbench is running; open in a browser: {}";
    /// `xxgk serve`: the address cannot be bound.
    ServeCannotListen: "无法在 {} 上监听", "cannot listen on {}";
    /// `xxgk serve`: the workspace cannot be made.
    ServeCannotWorkspace: "无法创建工作区 {}", "cannot create the workspace {}";
    /// `xxgk serve`: listening beyond loopback.
    ServeExposed: "注意：检查台对其他计算机开放（--host {}）；任何拿到网址的人都能访问", "warning: the workbench is open to other computers (--host {}); anyone with the address can use it";
    /// The review page in the workbench: asking for the corrected value.
    PageCorrectValue: "更正为（留空表示清除）：", "Correct to (empty to clear):";
    /// The review page in the workbench: taking a correction back.
    PageCorrectUndo: "撤销对此值的更正，恢复为读取的值？", "Take back the correction of this value (back to the value read)?";
    /// The review page in the workbench: asking why.
    PageCorrectReason: "更正原因（必填，例如“原件为18”）：", "Why (required, e.g. “the original says 18”):";
    /// The review page in the workbench: the department's 问题清单 workbook.
    PageDepartmentIssues: "本单位问题清单（XLSX）", "This agency's findings (XLSX)";
    /// The review page in the workbench: the report, as corrected, in the official layout.
    PageDownloadReport: "下载此报告（按官方格式，含更正）：", "This report in the official layout (corrections applied):";
    /// The review page in the workbench: show the original lines of a text file.
    PageOriginal: "原文", "original";
    /// The review page: a corrected cell's note.
    PageCorrected: "审核更正", "corrected by a reviewer";
    /// The review page in the workbench: how to correct.
    PageCorrectHint: "点击表格中的数值即可更正；更正后规则立即重新检查，原读取值保留。", "Click a value in a table to correct it; the rules run again at once and the value read is kept.";
    /// `xxgk serve`: no original to show.
    ServeNoOriginal: "无法显示原文：只显示本工作区数据集中、不在压缩包内的报告的原文", "no original to show: only reports of this workspace's dataset that are not inside an archive";
    /// `xxgk serve`: a correction refused.
    ServeBadCorrection: "更正无效：数值须为不小于0的数字（或留空），原因必填，文件须在本工作区中", "invalid correction: the value must be a number ≥ 0 (or empty), the reason is required, and the file must be in this workspace";
    /// The review page: the per-agency year view.
    PageYears: "机关历年", "Agencies by year";
    /// The review page: what the year view shows.
    PageYearsNote: "同一机关（按机关标识）各年度的关键数据；括号内为在本批次同级机关中的百分位（同级机关不足{}个时不显示）。", "Each agency's key figures year by year (by agency key); in brackets, the percentile among agencies of the same level in this batch (not shown below {} agencies).";
    /// The review page: no agency has two years.
    PageNoAgencyHasTwoYears: "本批次没有同一机关两个以上年度的报告。", "No agency has reports for two or more years in this batch.";
}

/// A table's name by its key (`active`, `applications`, `review_litigation`), in `lang`;
/// another key is returned as it is.
pub fn table_name(key: &str, lang: Lang) -> &str {
    match key {
        "active" => Text::TableActive.get(lang),
        "applications" => Text::TableApplications.get(lang),
        "review_litigation" => Text::TableReviewLitigation.get(lang),
        _ => key,
    }
}

/// The name of a format as read errors name it (`DOCX`, `spreadsheet`, …), in `lang`.
pub fn format_name(format: &str, lang: Lang) -> &str {
    match (format, lang) {
        ("spreadsheet", Lang::Zh) => "电子表格",
        ("text", Lang::Zh) => "文本",
        ("Word 97-2003", Lang::Zh) => "Word 97-2003 文档",
        _ => format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }

    #[test]
    fn every_entry_exists_in_both_languages_with_the_same_arguments() {
        for &t in Text::ALL {
            let (zh, en) = (t.get(Lang::Zh), t.get(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty(), "{t:?}");
            assert!(!has_cjk(en), "{t:?}: English text holds Chinese: {en}");
            assert_eq!(zh.matches("{}").count(), en.matches("{}").count(), "{t:?}");
            // Chinese text is Chinese, or only marks and placeholders.
            let letters = zh.chars().any(|c| c.is_ascii_alphabetic());
            assert!(has_cjk(zh) || !letters, "{t:?}: {zh}");
        }
    }

    #[test]
    fn templates_are_filled_in_order() {
        let s = Text::CheckCounts.fill(Lang::Zh, &[&2, &0, &1]);
        assert_eq!(s, "共 2 个错误、0 个警告、1 个提示");
        let m = Msg::quoting("无法打开", "cannot open", "bad header");
        assert_eq!(m.get(Lang::Zh), "无法打开（原文：bad header）");
        assert_eq!(m.to_string(), "cannot open: bad header");
    }
}
