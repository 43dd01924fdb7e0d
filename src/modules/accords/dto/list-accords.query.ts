import { PageQueryDto } from '../../../common/http/pagination';

export class ListAccordsQueryDto extends PageQueryDto {}
