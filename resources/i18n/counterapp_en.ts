<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/sync_panel.py" line="140"/>
        <source>Chưa đăng nhập cổng</source>
        <translation>Not signed in to the portal</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="142"/>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="144"/>
        <source>Đang đồng bộ {n}/{m}</source>
        <translation>Syncing {n} of {m}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="146"/>
        <source>Đồng bộ lúc {t}</source>
        <translation>Last synced {t}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="148"/>
        <source>Chưa đồng bộ</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="150"/>
        <source>{n} chờ gửi</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="153"/>
        <source>{n} cần xử lý</source>
        <translation>{n} need attention</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <location filename="../../ui/catalog_view.py" line="131"/>
        <location filename="../../ui/catalog_view.py" line="239"/>
        <source>{n} thủ tục</source>
        <translation>{n} procedures</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="177"/>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="178"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="179"/>
        <source>Cấp thực hiện</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="180"/>
        <source>Cơ quan thực hiện</source>
        <translation>Executing agency</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="181"/>
        <source>Mức độ dịch vụ công trực tuyến</source>
        <translation>Online service level</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="184"/>
        <source>Giờ nhận hồ sơ tối đa</source>
        <translation>Latest receipt time</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="194"/>
        <source>không</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="218"/>
        <source>Yêu cầu, điều kiện</source>
        <translation>Requirements and conditions</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="219"/>
        <source>Đối tượng thực hiện</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="220"/>
        <source>Kết quả thực hiện</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="236"/>
        <source>Tìm theo mã, tên thủ tục, lĩnh vực… (Ctrl+F)</source>
        <translation>Search by code, procedure name, field… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="237"/>
        <source>Tìm thủ tục</source>
        <translation>Search procedures</translation>
    </message>
</context>
<context>
    <name>ChecklistWidget</name>
    <message>
        <location filename="../../ui/intake/checklist.py" line="79"/>
        <source>Đã nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="79"/>
        <source>Giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="79"/>
        <source>Hình thức</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="79"/>
        <location filename="../../ui/intake/checklist.py" line="93"/>
        <source>Bản chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="80"/>
        <source>Bản sao</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="80"/>
        <source>Ghi chú</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="80"/>
        <source>Không áp dụng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="84"/>
        <source>Chọn thủ tục để hiện danh mục giấy tờ cần nộp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="93"/>
        <source>Bản sao chứng thực</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="93"/>
        <source>Bản chụp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="108"/>
        <source>Đánh dấu đã nhận đủ số bản theo quy định</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="124"/>
        <source>Giấy tờ này không áp dụng cho trường hợp của người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="175"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="178"/>
        <source>⚠ Thiếu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/intake/checklist.py" line="181"/>
        <source>✓ Đủ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="111"/>
        <source>Counter — Bộ phận Một cửa</source>
        <translation>Counter — One-stop counter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="112"/>
        <source>Danh mục &amp;thủ tục</source>
        <translation>&amp;Procedure catalog</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114"/>
        <source>&amp;Nhập danh mục thủ tục…</source>
        <translation>&amp;Import procedure catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115"/>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="116"/>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <source>Đồ&amp;ng bộ</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>Đăng &amp;nhập cổng…</source>
        <translation>Sign &amp;in to the portal…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="119"/>
        <source>Đăng &amp;xuất</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="120"/>
        <source>Đồng bộ &amp;ngay</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>Mục &amp;cần xử lý…</source>
        <translation>Items needing &amp;attention…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="123"/>
        <source>&amp;Giới thiệu</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>Chưa đăng nhập cổng</source>
        <translation>Not signed in to the portal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="132"/>
        <source>Dữ liệu: {path}</source>
        <translation>Data: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164"/>
        <source>Thiếu tệp ngôn ngữ / language file missing</source>
        <translation>Language file missing</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>Nhập danh mục thủ tục</source>
        <translation>Import procedure catalog</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>Tệp JSON (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>Đang nhập danh mục…</source>
        <translation>Importing catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="187"/>
        <source>Thêm mới: {a}; cập nhật: {u}; từ chối: {r}</source>
        <translation>Added: {a}; updated: {u}; refused: {r}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <location filename="../../ui/main_window.py" line="196"/>
        <location filename="../../ui/main_window.py" line="203"/>
        <source>Nhập danh mục</source>
        <translation>Catalog import</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source> (ngoại tuyến)</source>
        <translation> (offline)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244"/>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="245"/>
        <source>Counter {v}
Phần mềm cho Bộ phận Tiếp nhận và Trả kết quả.</source>
        <translation>Counter {v}
Software for the one-stop reception and result counter.</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="191"/>
        <source>Mục đồng bộ cần xử lý</source>
        <translation>Sync items needing attention</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="197"/>
        <source>Giữ bản của &amp;quầy</source>
        <translation>Keep the &amp;counter&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="198"/>
        <source>Lấy bản của &amp;cổng</source>
        <translation>Take the &amp;portal&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="199"/>
        <source>&amp;Gửi lại</source>
        <translation>&amp;Send again</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="200"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="208"/>
        <source>Bản của quầy</source>
        <translation>Counter&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="208"/>
        <source>Bản của cổng</source>
        <translation>Portal&apos;s version</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="235"/>
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="235"/>
        <source>Cần xử lý</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="242"/>
        <source>Không có mục nào cần xử lý.</source>
        <translation>Nothing needs attention.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="256"/>
        <source>(cổng không gửi kèm phiên bản)</source>
        <translation>(the portal sent no version)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="270"/>
        <source>Chỉ tổ trưởng được quyết định xung đột.</source>
        <translation>Only a supervisor can decide conflicts.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="160"/>
        <source>Đăng nhập cổng dịch vụ công</source>
        <translation>Sign in to the public service portal</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="166"/>
        <source>&amp;Địa chỉ cổng:</source>
        <translation>Portal &amp;address:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="167"/>
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="168"/>
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="169"/>
        <source>Mã phiên chỉ lưu trong kho mật khẩu của hệ điều hành.</source>
        <translation>The session token is kept only in the operating system&apos;s keyring.</translation>
    </message>
</context>
</TS>
