<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChecksTab</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Show ignored</source>
        <translation>显示已忽略</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>Ignore…</source>
        <translation>忽略…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Errors: {0}</source>
        <translation>错误 {0}</translation>
    </message>
    <message>
        <source>Warnings: {0}</source>
        <translation>警告 {0}</translation>
    </message>
    <message>
        <source>Notes: {0}</source>
        <translation>提示 {0}</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>Ignored: {0}</source>
        <translation>已忽略 {0}</translation>
    </message>
    <message>
        <source>Heed again</source>
        <translation>恢复检查</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <source>Fix: {0}</source>
        <translation>修正：{0}</translation>
    </message>
    <message>
        <source>Why may this be ignored? (kept in the draft)</source>
        <translation>为什么可以忽略此项？（理由保存在草稿中）</translation>
    </message>
    <message>
        <source>Ignore finding</source>
        <translation>忽略检查结果</translation>
    </message>
    <message>
        <source>A reason is needed. Why may this be ignored?</source>
        <translation>必须填写理由。为什么可以忽略此项？</translation>
    </message>
    <message>
        <source>No draft is open.</source>
        <translation>没有打开的草稿。</translation>
    </message>
</context>
<context>
    <name>ClausePreview</name>
    <message>
        <source>Select an article or clause on the left to read it here.</source>
        <translation>在左侧选择条文或条款，即可在此查看全文。</translation>
    </message>
    <message>
        <source>Source: “{0}”</source>
        <translation>来源：《{0}》</translation>
    </message>
    <message>
        <source>Topic: {0}</source>
        <translation>主题：{0}</translation>
    </message>
    <message>
        <source>Why: {0}</source>
        <translation>归类依据：{0}</translation>
    </message>
    <message>
        <source>moved to “{0}” by hand</source>
        <translation>用户手动归入“{0}”</translation>
    </message>
    <message>
        <source>From: {0}</source>
        <translation>出自：{0}</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Expand the topic and select an article to read it.</source>
        <translation>展开主题，选择条文即可查看全文。</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
    <message>
        <source>Imported: {0} UTC</source>
        <translation>导入时间：{0}（UTC）</translation>
    </message>
    <message>
        <source>Language: {0}</source>
        <translation>语言：{0}</translation>
    </message>
    <message>
        <source>Articles: {0}</source>
        <translation>条文数：{0}</translation>
    </message>
</context>
<context>
    <name>ClauseTab</name>
    <message>
        <source>Swap in</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace this article with the chosen variant (one undo step)</source>
        <translation>用所选版本替换本条（可一步撤销）</translation>
    </message>
    <message>
        <source>No draft is open.</source>
        <translation>没有打开的草稿。</translation>
    </message>
    <message>
        <source>Select an article or clause to see where it came from.</source>
        <translation>选择一条或一款，即可查看其出处。</translation>
    </message>
    <message>
        <source>Written in this draft.</source>
        <translation>在本草稿中新拟。</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Numbered there:</source>
        <translation>原编号：</translation>
    </message>
    <message>
        <source>article {article}</source>
        <translation>条文 {article}</translation>
    </message>
    <message>
        <source>clause {clause}</source>
        <translation>条款 {clause}</translation>
    </message>
    <message>
        <source>Library:</source>
        <translation>条款库：</translation>
    </message>
    <message>
        <source>since it was taken from the library</source>
        <translation>自从条款库取用以来</translation>
    </message>
    <message>
        <source>since it was imported</source>
        <translation>自导入以来</translation>
    </message>
    <message>
        <source>Unchanged {since}.</source>
        <translation>{since}未作修改。</translation>
    </message>
    <message>
        <source>Changed {since}:</source>
        <translation>{since}已修改：</translation>
    </message>
    <message>
        <source>Heading:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Clause added:</source>
        <translation>新增的款：</translation>
    </message>
    <message>
        <source>Clause removed:</source>
        <translation>删除的款：</translation>
    </message>
    <message>
        <source>No clause library is open.</source>
        <translation>未打开条款库。</translation>
    </message>
    <message>
        <source>Library variants are offered for articles.</source>
        <translation>条款库中的其他版本仅针对“条”提供。</translation>
    </message>
    <message>
        <source>The library has no articles on this topic.</source>
        <translation>条款库中没有该主题的条文。</translation>
    </message>
    <message>
        <source>Other variants of “{topic}” in the library ({count}):</source>
        <translation>条款库中“{topic}”的其他版本（{count}）：</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Redline author</source>
        <translation>修订作者</translation>
    </message>
    <message>
        <source>Changes in a redline are signed:</source>
        <translation>修订稿中的修改署名为：</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>合并显示</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排显示</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一处</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一处 ▶</translation>
    </message>
    <message>
        <source>Swap sides</source>
        <translation>交换左右</translation>
    </message>
    <message>
        <source>Export redline…</source>
        <translation>导出修订稿…</translation>
    </message>
    <message>
        <source>Compare: {0} → {1}</source>
        <translation>比较：{0} → {1}</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <source>Inserted {0}</source>
        <translation>新增 {0}</translation>
    </message>
    <message>
        <source>Deleted {0}</source>
        <translation>删除 {0}</translation>
    </message>
    <message>
        <source>Moved {0} → {1}</source>
        <translation>移动 {0} → {1}</translation>
    </message>
    <message>
        <source>Changed {0}</source>
        <translation>修改 {0}</translation>
    </message>
    <message>
        <source>Changed {0} (now {1})</source>
        <translation>修改 {0}（现为 {1}）</translation>
    </message>
    <message>
        <source>Export redline</source>
        <translation>导出修订稿</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>正在导出 {0}…</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Compare &amp;with…</source>
        <translation>与文件比较(&amp;W)…</translation>
    </message>
    <message>
        <source>Compare with library &amp;sources</source>
        <translation>与条款库来源比较(&amp;S)</translation>
    </message>
    <message>
        <source>Redline &amp;author…</source>
        <translation>修订作者(&amp;A)…</translation>
    </message>
    <message>
        <source>Open a draft to compare it.</source>
        <translation>请先打开一份草稿再比较。</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>比较对象</translation>
    </message>
    <message>
        <source>Contracts (*.contract *.docx *.txt *.md)</source>
        <translation>合同 (*.contract *.docx *.txt *.md)</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>无法比较</translation>
    </message>
    <message>
        <source>No article of this draft was taken from the library or a file.</source>
        <translation>本草稿中没有取自条款库或文件的条款。</translation>
    </message>
    <message>
        <source>Compare with library sources</source>
        <translation>与条款库来源比较</translation>
    </message>
    <message>
        <source>Library sources</source>
        <translation>条款库来源</translation>
    </message>
</context>
<context>
    <name>ContractModel</name>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Part {0}</source>
        <translation>第 {0} 部分</translation>
    </message>
    <message>
        <source>From {0} ({1})</source>
        <translation>出自 {0}（{1}）</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>the draft has no part to drop into</source>
        <translation>草稿中没有可放入的部分</translation>
    </message>
    <message>
        <source>Move {0} items</source>
        <translation>移动 {0} 项</translation>
    </message>
</context>
<context>
    <name>DocumentTabs</name>
    <message>
        <source>{0} holds no contract text.</source>
        <translation>{0} 中没有合同文本。</translation>
    </message>
    <message>
        <source>{0} holds {1} contracts; the first one is open.</source>
        <translation>{0} 包含 {1} 份合同，已打开第一份。</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <source>This table row has no cell here: type in one of its cells.</source>
        <translation>表格此行在这里没有单元格：请在该行的单元格中输入。</translation>
    </message>
    <message>
        <source>The signature block follows the parties: edit them above.</source>
        <translation>签署栏由各方信息生成：请在上方编辑各方。</translation>
    </message>
    <message>
        <source>Contract title</source>
        <translation>合同标题</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Preamble (optional)</source>
        <translation>鉴于条款（可选）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Part title</source>
        <translation>部分标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Paste as plain text</source>
        <translation>粘贴为纯文本</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>新条款</translation>
    </message>
    <message>
        <source>Split here</source>
        <translation>在此拆分</translation>
    </message>
    <message>
        <source>Demote (Tab)</source>
        <translation>降级（Tab）</translation>
    </message>
    <message>
        <source>Promote (Shift+Tab)</source>
        <translation>升级（Shift+Tab）</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>上移（Alt+Up）</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>下移（Alt+Down）</translation>
    </message>
    <message>
        <source>Add a party</source>
        <translation>添加一方</translation>
    </message>
    <message>
        <source>Remove this party</source>
        <translation>删除此方</translation>
    </message>
    <message>
        <source>Rename role…</source>
        <translation>更改称谓…</translation>
    </message>
</context>
<context>
    <name>DraftDocument</name>
    <message>
        <source>{0} version {1}</source>
        <translation>{0} 第 {1} 版</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Read-only version: restore it or save it as another file to edit.</source>
        <translation>只读版本：恢复或另存为后再编辑。</translation>
    </message>
    <message>
        <source>{0} is open read-only here: save it as another file.</source>
        <translation>{0} 在此处以只读方式打开：请另存为其他文件。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to Word</source>
        <translation>导出为 Word</translation>
    </message>
    <message>
        <source>Numbers typed in the text (looks the same everywhere)</source>
        <translation>编号写入正文（在任何软件中显示一致）</translation>
    </message>
    <message>
        <source>Word automatic numbering (renumbers in Word)</source>
        <translation>Word 自动编号（在 Word 中可自动重排）</translation>
    </message>
    <message>
        <source>Table of contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Highlight unfilled blanks</source>
        <translation>突出显示未填写的空白</translation>
    </message>
    <message>
        <source>Numbering:</source>
        <translation>编号方式：</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>正在导出 {0}…</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>{0} field(s) are not filled in: {1}. Export them as blanks?</source>
        <translation>有 {0} 项未填写：{1}。仍以空白导出吗？</translation>
    </message>
    <message>
        <source>Unfilled fields</source>
        <translation>未填写的字段</translation>
    </message>
</context>
<context>
    <name>FieldsModel</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>填写内容</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>Not filled in yet: double-click to type the value</source>
        <translation>尚未填写：双击即可输入</translation>
    </message>
    <message>
        <source>In {0}</source>
        <translation>位于 {0}</translation>
    </message>
</context>
<context>
    <name>FieldsTab</name>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Give the field a name used wherever it occurs</source>
        <translation>为该字段命名，所有出现之处统一使用</translation>
    </message>
    <message>
        <source>Link with…</source>
        <translation>关联…</translation>
    </message>
    <message>
        <source>Make this field and another one share one value</source>
        <translation>使该字段与另一字段共用同一内容</translation>
    </message>
    <message>
        <source>Clear value</source>
        <translation>清除内容</translation>
    </message>
    <message>
        <source>No draft is open.</source>
        <translation>没有打开的草稿。</translation>
    </message>
    <message>
        <source>This draft has no blanks to fill.</source>
        <translation>本草稿没有需要填写的空白处。</translation>
    </message>
    <message>
        <source>All fields are filled in.</source>
        <translation>所有字段均已填写。</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) left to fill in</source>
        <translation>
            <numerusform>还有 %n 项未填写</numerusform>
        </translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Rename field</source>
        <translation>重命名字段</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>Link fields</source>
        <translation>关联字段</translation>
    </message>
    <message>
        <source>Share one value with:</source>
        <translation>与以下字段共用同一内容：</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the draft</source>
        <translation>在合同中查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Previous (Shift+Enter)</source>
        <translation>上一个（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next (Enter)</source>
        <translation>下一个（Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>全字匹配</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>In selection</source>
        <translation>仅在所选内容中</translation>
    </message>
    <message>
        <source>Field values</source>
        <translation>字段值</translation>
    </message>
    <message>
        <source>Find in &amp;draft…</source>
        <translation>在合同中查找(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Replace in draft…</source>
        <translation>在合同中替换(&amp;R)…</translation>
    </message>
    <message>
        <source>Select the text to search in first</source>
        <translation>请先选中要查找的范围</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>无匹配结果</translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation>
            <numerusform>已替换 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <source>Invalid regular expression</source>
        <translation>正则表达式无效</translation>
    </message>
    <message>
        <source>Invalid replacement</source>
        <translation>替换内容无效</translation>
    </message>
    <message>
        <source>The regular expression takes too long</source>
        <translation>正则表达式运行时间过长</translation>
    </message>
    <message>
        <source>The text changed: find again</source>
        <translation>文字已更改，请重新查找</translation>
    </message>
</context>
<context>
    <name>FindingsDialog</name>
    <message>
        <source>Errors in the draft</source>
        <translation>稿件中有错误</translation>
    </message>
    <message>
        <source>The checks found {0} error(s) in this draft. Go to one to correct it, or export anyway.</source>
        <translation>检查发现本稿有 {0} 处错误。可转到其中一处修改，或仍然导出。</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <source>Export Anyway</source>
        <translation>仍然导出</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>the whole draft</source>
        <translation>整份合同</translation>
    </message>
    <message>
        <source>ignored: {0}</source>
        <translation>已忽略：{0}</translation>
    </message>
    <message>
        <source>Fix: {0}</source>
        <translation>修正：{0}</translation>
    </message>
    <message>
        <source>Ignored: {0}</source>
        <translation>已忽略：{0}</translation>
    </message>
    <message>
        <source>term defined twice</source>
        <translation>术语重复定义</translation>
    </message>
    <message>
        <source>term never used</source>
        <translation>定义的术语未使用</translation>
    </message>
    <message>
        <source>term used before its definition</source>
        <translation>术语先使用后定义</translation>
    </message>
    <message>
        <source>term not defined</source>
        <translation>术语未定义</translation>
    </message>
    <message>
        <source>figure and words differ</source>
        <translation>金额大小写不一致</translation>
    </message>
    <message>
        <source>amount in words malformed</source>
        <translation>大写金额写法有误</translation>
    </message>
    <message>
        <source>percentages differ</source>
        <translation>百分比前后不一致</translation>
    </message>
    <message>
        <source>instalments do not add up</source>
        <translation>分期合计不符</translation>
    </message>
    <message>
        <source>two currencies</source>
        <translation>币种不一致</translation>
    </message>
    <message>
        <source>impossible date</source>
        <translation>日期不存在</translation>
    </message>
    <message>
        <source>end before start</source>
        <translation>结束早于开始</translation>
    </message>
    <message>
        <source>period written two ways</source>
        <translation>期限写法不一致</translation>
    </message>
    <message>
        <source>period not filled in</source>
        <translation>期限未填写</translation>
    </message>
    <message>
        <source>party named differently</source>
        <translation>当事人名称不一致</translation>
    </message>
    <message>
        <source>role no party has</source>
        <translation>称谓无对应当事人</translation>
    </message>
    <message>
        <source>court and arbitration</source>
        <translation>诉讼与仲裁并存</translation>
    </message>
    <message>
        <source>two courts</source>
        <translation>约定两个法院</translation>
    </message>
    <message>
        <source>two governing laws</source>
        <translation>两种适用法律</translation>
    </message>
    <message>
        <source>numbering gap</source>
        <translation>编号跳号</translation>
    </message>
    <message>
        <source>number repeated</source>
        <translation>编号重复</translation>
    </message>
    <message>
        <source>refers to itself</source>
        <translation>引用自身</translation>
    </message>
    <message>
        <source>annex missing</source>
        <translation>附件不存在</translation>
    </message>
    <message>
        <source>empty article</source>
        <translation>空条款</translation>
    </message>
    <message>
        <source>heading without text</source>
        <translation>标题下无内容</translation>
    </message>
    <message>
        <source>template marker left</source>
        <translation>模板标记残留</translation>
    </message>
    <message>
        <source>vague reference</source>
        <translation>指代不明</translation>
    </message>
    <message>
        <source>not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>nothing ticked</source>
        <translation>未勾选</translation>
    </message>
    <message>
        <source>broken reference</source>
        <translation>引用失效</translation>
    </message>
    <message>
        <source>reference to nothing</source>
        <translation>引用无对应条款</translation>
    </message>
    <message>
        <source>hidden direction characters</source>
        <translation>隐藏的方向字符</translation>
    </message>
    <message>
        <source>half-width punctuation</source>
        <translation>半角标点</translation>
    </message>
    <message>
        <source>mixed-width digits</source>
        <translation>全半角数字混用</translation>
    </message>
    <message>
        <source>stray space</source>
        <translation>多余空格</translation>
    </message>
    <message>
        <source>same topic twice</source>
        <translation>主题重复</translation>
    </message>
    <message>
        <source>essential topic missing</source>
        <translation>缺少必备条款</translation>
    </message>
</context>
<context>
    <name>FixPreview</name>
    <message>
        <source>Preview the fix</source>
        <translation>预览修正</translation>
    </message>
    <message>
        <source>{0} ({1} changes)</source>
        <translation>{0}（共 {1} 处修改）</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>The text changed since it was checked: the checks run again, try once more.</source>
        <translation>检查之后文字已有改动：已重新检查，请再试一次。</translation>
    </message>
    <message>
        <source>Normalise typography</source>
        <translation>统一标点与格式</translation>
    </message>
    <message>
        <source>Nothing to normalise: the punctuation, digits and spaces are consistent.</source>
        <translation>无需统一：标点、数字和空格已经一致。</translation>
    </message>
    <message>
        <source>Normalise &amp;typography…</source>
        <translation>统一标点与格式(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>术语</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>批注</translation>
    </message>
    <message numerus="yes">
        <source>Comments (%n)</source>
        <translation>
            <numerusform>批注（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checks (%n)</source>
        <translation>
            <numerusform>检查（%n）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>Build a fresh library from the bundled contracts in its place?</source>
        <translation>是否在原位置用随附的合同重建一个新的条款库？</translation>
    </message>
    <message>
        <source>Start a new, empty library in its place?</source>
        <translation>是否在原位置新建一个空的条款库？</translation>
    </message>
    <message>
        <source>The damaged file is kept, not deleted, as “{0}”.</source>
        <translation>损坏的文件不会删除，保留为“{0}”。</translation>
    </message>
    <message>
        <source>The clause library “{0}” is damaged.</source>
        <translation>条款库“{0}”已损坏。</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Search clauses…</source>
        <translation>搜索条款…</translation>
    </message>
    <message>
        <source>By topic</source>
        <translation>按主题</translation>
    </message>
    <message>
        <source>By source</source>
        <translation>按来源</translation>
    </message>
    <message>
        <source>Cannot search the library</source>
        <translation>无法搜索条款库</translation>
    </message>
</context>
<context>
    <name>LibraryTreeModel</name>
    <message>
        <source>(Body)</source>
        <translation>（正文）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clause library</source>
        <translation>条款库</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>New from library &amp;source…</source>
        <translation>从条款库来源新建(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import into library…</source>
        <translation>导入条款库(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete article or clause</source>
        <translation>删除条/款(&amp;D)</translation>
    </message>
    <message>
        <source>Insert &amp;article</source>
        <translation>插入条(&amp;A)</translation>
    </message>
    <message>
        <source>Insert c&amp;lause</source>
        <translation>插入款(&amp;L)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Edit &amp;topic…</source>
        <translation>修改主题(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Find in library</source>
        <translation>在条款库中查找(&amp;F)</translation>
    </message>
    <message>
        <source>Save selection to &amp;library</source>
        <translation>将所选内容存入条款库(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About…</source>
        <translation>关于(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export to Word…</source>
        <translation>导出为 Word(&amp;E)…</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Versions…</source>
        <translation>版本历史(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Numbering style</source>
        <translation>编号样式(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>条款库(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>New from library source</source>
        <translation>从条款库来源新建</translation>
    </message>
    <message>
        <source>Contract:</source>
        <translation>合同：</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Contract drafts (*{0})</source>
        <translation>合同草稿 (*{0})</translation>
    </message>
    <message>
        <source>Saved {0}; the version changed outside is kept as {1}.bak</source>
        <translation>已保存 {0}；外部修改的版本保留为 {1}.bak</translation>
    </message>
    <message>
        <source>Saved {0}; the draft that was there is kept as {1}.bak</source>
        <translation>已保存 {0}；原有的草稿保留为 {1}.bak</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Draft open elsewhere</source>
        <translation>草稿已在别处打开</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <source>“{0}” is open in another window: {1} on {2} (process {3}), since {4}. Open it read-only? Your changes can then be saved as another file.</source>
        <translation>“{0}”已在另一个窗口中打开：{2} 上的 {1}（进程 {3}），自 {4} 起。以只读方式打开吗？之后您的修改可以另存为其他文件。</translation>
    </message>
    <message>
        <source>If that window no longer exists (its computer crashed), delete {0}.</source>
        <translation>如果那个窗口已不存在（例如其电脑已崩溃），请删除 {0}。</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Changed outside</source>
        <translation>文件已在外部修改</translation>
    </message>
    <message>
        <source>“{0}” was changed outside this window since it was opened or saved here. Overwrite it with this version (the other is kept as .bak), save this version as another file, or cancel?</source>
        <translation>“{0}”在本窗口打开或保存之后已在外部被修改。用此版本覆盖它（外部的版本保留为 .bak）、将此版本另存为其他文件，还是取消？</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to “{0}”?</source>
        <translation>是否保存对“{0}”的更改？</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的内容</translation>
    </message>
    <message>
        <source>“{0}” was not saved when the program last stopped ({1}).</source>
        <translation>程序上次退出时，“{0}”尚未保存（{1}）。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Recover: open it to save it. Discard: delete this unsaved work for good. Later: keep it and ask again at the next start.</source>
        <translation>恢复：打开它以便保存。丢弃：永久删除这些未保存的内容。稍后：保留它，下次启动时再询问。</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Recovered “{0}”: save it to keep it</source>
        <translation>已恢复“{0}”：请保存以保留它</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>The unsaved work of “{0}” ({1}) cannot be opened: {2}</source>
        <translation>“{0}”未保存的内容（{1}）无法打开：{2}</translation>
    </message>
    <message>
        <source>It is kept in {0}, to be opened by hand or sent for help.</source>
        <translation>它保留在 {0}，可手动打开或发送以寻求帮助。</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cannot discard</source>
        <translation>无法丢弃</translation>
    </message>
    <message>
        <source>the draft has no part</source>
        <translation>草稿中没有任何部分</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>新条文</translation>
    </message>
    <message>
        <source>Select an article first</source>
        <translation>请先选择一条</translation>
    </message>
    <message>
        <source>Select articles to save first</source>
        <translation>请先选择要保存的条文</translation>
    </message>
    <message>
        <source>Cannot save to the library</source>
        <translation>无法存入条款库</translation>
    </message>
    <message>
        <source>Saved to the library</source>
        <translation>已存入条款库</translation>
    </message>
    <message>
        <source>&amp;Review the split before importing</source>
        <translation>导入前核对拆分(&amp;R)</translation>
    </message>
    <message>
        <source>Import into library</source>
        <translation>导入条款库</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>正在导入 {0}…</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Imported {0}</source>
        <translation>已导入 {0}</translation>
    </message>
    <message>
        <source>Select text in the contract first</source>
        <translation>请先在合同中选择文字</translation>
    </message>
    <message>
        <source>Select a library article first</source>
        <translation>请先在条款库中选择一条</translation>
    </message>
    <message>
        <source>Edit topic</source>
        <translation>修改主题</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Save the draft first: each save keeps a version.</source>
        <translation>请先保存草稿：每次保存都会保留一个版本。</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>新的界面语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <source>Open “{0}” as a new draft, or add it to the clause library?</source>
        <translation>将“{0}”作为新草稿打开，还是添加到条款库？</translation>
    </message>
    <message>
        <source>Open as draft</source>
        <translation>作为草稿打开</translation>
    </message>
    <message>
        <source>Add to library</source>
        <translation>添加到条款库</translation>
    </message>
    <message>
        <source>{0} contracts · {1} articles · {2} clauses · {3} topics</source>
        <translation>{0} 份合同 · {1} 条 · {2} 款 · {3} 个主题</translation>
    </message>
    <message>
        <source>“{0}”: {1} hits</source>
        <translation>“{0}”：{1} 条结果</translation>
    </message>
    <message>
        <source> (first {0} shown)</source>
        <translation>（仅显示前 {0} 条）</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Autosaves</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Contracts (*.contract *.txt *.md *.docx);;All files (*)</source>
        <translation>合同 (*.contract *.txt *.md *.docx);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>MarkupActions</name>
    <message>
        <source>Accept change</source>
        <translation>接受修订</translation>
    </message>
    <message>
        <source>Reject change</source>
        <translation>拒绝修订</translation>
    </message>
    <message>
        <source>Accept all changes</source>
        <translation>接受全部修订</translation>
    </message>
    <message>
        <source>Reject all changes</source>
        <translation>拒绝全部修订</translation>
    </message>
    <message>
        <source>Inserted by {0}, {1}</source>
        <translation>{0} 插入，{1}</translation>
    </message>
    <message>
        <source>Deleted by {0}, {1}</source>
        <translation>{0} 删除，{1}</translation>
    </message>
</context>
<context>
    <name>PdfDialog</name>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Highlight unfilled blanks</source>
        <translation>突出显示未填写的空白</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Highlight unfilled blanks</source>
        <translation>突出显示未填写的空白</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>SplitReviewDialog</name>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Review the split of {0}</source>
        <translation>核对 {0} 的拆分</translation>
    </message>
    <message>
        <source>Recovered structure</source>
        <translation>识别出的结构</translation>
    </message>
    <message>
        <source>New &amp;article here</source>
        <translation>此处新起一条(&amp;A)</translation>
    </message>
    <message>
        <source>New &amp;clause here</source>
        <translation>此处新起一款(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Not a heading</source>
        <translation>不是标题(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Promote</source>
        <translation>升级(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Demote</source>
        <translation>降级(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Skip…</source>
        <translation>略去(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Keep as text</source>
        <translation>保留为正文(&amp;K)</translation>
    </message>
    <message>
        <source>A&amp;nnex starts here</source>
        <translation>附件从此开始(&amp;N)</translation>
    </message>
    <message>
        <source>Blank to &amp;fill</source>
        <translation>待填空白(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Undo correction</source>
        <translation>撤销更正(&amp;U)</translation>
    </message>
    <message>
        <source>Show this review before every import</source>
        <translation>每次导入前都显示此核对</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Check how the file was split before it goes in. Put the caret on a line or select text, then correct: the view follows each correction, and the corrections are remembered for this file.</source>
        <translation>导入前请核对文件的拆分。将光标放在某一行或选中文字，再作更正：每次更正后视图随即更新，更正会针对此文件记住。</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>略去</translation>
    </message>
    <message>
        <source>Why is this not part of the contract?</source>
        <translation>为什么这段不属于合同？</translation>
    </message>
    <message>
        <source>not part of the contract</source>
        <translation>不属于合同正文</translation>
    </message>
    <message>
        <source>Only page headers and footers, markup and your own skips can be kept as text: put the caret in one.</source>
        <translation>只有页眉页脚、标记代码和您自己略去的内容可以保留为正文：请将光标放在其中。</translation>
    </message>
    <message>
        <source>Nothing to correct there: put the caret in a piece.</source>
        <translation>此处没有可更正的内容：请将光标放在某一部分中。</translation>
    </message>
    <message>
        <source>article</source>
        <translation>条</translation>
    </message>
    <message>
        <source>clause</source>
        <translation>款</translation>
    </message>
    <message>
        <source>part</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>annex</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>blank to fill</source>
        <translation>待填空白</translation>
    </message>
    <message>
        <source>skipped (hover for why)</source>
        <translation>已略去（悬停查看原因）</translation>
    </message>
    <message>
        <source>{0} articles · {1} clauses · {2} skipped · corrections: {3}</source>
        <translation>{0} 条 · {1} 款 · 略去 {2} 处 · 更正 {3} 处</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>[cover page]</source>
        <translation>［封面］</translation>
    </message>
    <message>
        <source>[signature block]</source>
        <translation>［签署栏］</translation>
    </message>
    <message>
        <source>[skipped: {0}]</source>
        <translation>［已略去：{0}］</translation>
    </message>
    <message>
        <source>skipped: {0}</source>
        <translation>已略去：{0}</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>preamble</source>
        <translation>首部</translation>
    </message>
    <message>
        <source>skipped on review</source>
        <translation>核对时略去</translation>
    </message>
    <message>
        <source>web page text around the contract</source>
        <translation>合同外的网页文字</translation>
    </message>
    <message>
        <source>cover page</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>table of contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>signature block</source>
        <translation>签署栏</translation>
    </message>
    <message>
        <source>end of document marker</source>
        <translation>全文完标记</translation>
    </message>
    <message>
        <source>blank lines</source>
        <translation>空行</translation>
    </message>
    <message>
        <source>front matter</source>
        <translation>文件头信息</translation>
    </message>
    <message>
        <source>summary table</source>
        <translation>摘要表格</translation>
    </message>
    <message>
        <source>markup</source>
        <translation>标记代码</translation>
    </message>
    <message>
        <source>page header, footer or number</source>
        <translation>页眉、页脚或页码</translation>
    </message>
</context>
<context>
    <name>SwapDialog</name>
    <message>
        <source>Swap in a library variant</source>
        <translation>换用条款库中的版本</translation>
    </message>
    <message>
        <source>this article</source>
        <translation>本条</translation>
    </message>
    <message numerus="yes">
        <source>“{article}” and its %n clause(s) will be replaced by the library variant. Your wording and the values filled in below are not kept (Undo brings them back).</source>
        <translation>
            <numerusform>“{article}”及其 %n 款将被条款库中的版本替换。您的措辞和下列已填写的内容不会保留（撤销可恢复）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{article}” and its %n clause(s) will be replaced by the library variant. Your wording is not kept (Undo brings it back).</source>
        <translation>
            <numerusform>“{article}”及其 %n 款将被条款库中的版本替换。您的措辞不会保留（撤销可恢复）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Filled in:</source>
        <translation>已填写：</translation>
    </message>
    <message>
        <source>Struck out: what goes. Underlined: what comes.</source>
        <translation>删除线：将被替换的内容。下划线：换入的内容。</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>替换</translation>
    </message>
</context>
<context>
    <name>TermsTab</name>
    <message>
        <source>Term</source>
        <translation>术语</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the term, its definition and every use</source>
        <translation>重命名该术语：其定义和每一处使用</translation>
    </message>
    <message>
        <source>Defined in {0}: {1}</source>
        <translation>定义于{0}：{1}</translation>
    </message>
    <message>
        <source>A party&apos;s role</source>
        <translation>当事人称谓</translation>
    </message>
    <message>
        <source>Used in {0}: {1}</source>
        <translation>使用于{0}：{1}</translation>
    </message>
    <message>
        <source>No defined terms found.</source>
        <translation>未发现定义的术语。</translation>
    </message>
    <message>
        <source>No draft is open.</source>
        <translation>没有打开的草稿。</translation>
    </message>
    <message>
        <source>Rename term</source>
        <translation>重命名术语</translation>
    </message>
    <message>
        <source>New name for “{0}”:</source>
        <translation>“{0}”的新名称：</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <source>Versions of {0}</source>
        <translation>{0} 的版本历史</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>改动</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>No versions yet: each save keeps one.</source>
        <translation>尚无版本：每次保存都会保留一个版本。</translation>
    </message>
    <message>
        <source>This history starts when the draft was saved under this name; its earlier versions stay with {0}.</source>
        <translation>此版本历史从草稿以此名称另存时开始；之前的版本仍保存在 {0} 的版本历史中。</translation>
    </message>
    <message>
        <source>Cannot keep the note</source>
        <translation>无法保存备注</translation>
    </message>
    <message>
        <source>Cannot read the version</source>
        <translation>无法读取该版本</translation>
    </message>
    <message>
        <source>{0} version {1}</source>
        <translation>{0} 第 {1} 版</translation>
    </message>
    <message>
        <source>{0} (the draft now)</source>
        <translation>{0}（当前草稿）</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Start a contract</source>
        <translation>开始起草合同</translation>
    </message>
    <message>
        <source>Or drag an article from the clause library on the left and drop it here; double-click or Enter in the library does the same.</source>
        <translation>也可以从左侧条款库中将条文拖放到此处；在条款库中双击或按回车键亦可。</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近打开</translation>
    </message>
</context>
<context>
    <name>WordCountLabel</name>
    <message>
        <source>{0} words</source>
        <translation>字数 {0}</translation>
    </message>
    <message>
        <source>selection {0}</source>
        <translation>选中 {0}</translation>
    </message>
    <message>
        <source>this article {0}</source>
        <translation>本条 {0}</translation>
    </message>
</context>
</TS>
